using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Hosts;

/// <summary>
/// Microsoft.Extensions.Logging provider that turns log events into the host's commands, synchronously and in order
/// (the stock console logger queues in the background and prefixes lines, which breaks workflow commands).
/// </summary>
[ProviderAlias("PipelineHost")]
internal sealed class PipelineLoggerProvider(IPipelineHost host) : ILoggerProvider
{
    /// <summary>Information events whose EventName starts with this become notice annotations.</summary>
    public const string NoticeEventPrefix = "Notice";

    public ILogger CreateLogger(string categoryName) => new PipelineLogger(host);

    public void Dispose()
    {
        // Nothing buffered: every event was written when it was logged.
    }

    private sealed class PipelineLogger(IPipelineHost host) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            if (state is LogGroup group)
            {
                host.StartGroup(group.Title);
                return new GroupEnd(host);
            }

            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel switch
        {
            LogLevel.None => false,
            LogLevel.Trace or LogLevel.Debug => host.IsDebugEnabled,
            _ => true,
        };

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            switch (logLevel)
            {
                case LogLevel.Trace or LogLevel.Debug:
                    host.LogIssue(IssueLevel.Debug, exception is null ? message : message + "\n" + exception);
                    break;
                case LogLevel.Information when eventId.Name?.StartsWith(NoticeEventPrefix, StringComparison.Ordinal) == true:
                    host.LogIssue(IssueLevel.Notice, message);
                    break;
                case LogLevel.Information:
                    host.WriteLine(message);
                    break;
                case LogLevel.Warning:
                    host.LogIssue(IssueLevel.Warning, WithCause(message, exception));
                    break;
                default:
                    host.LogIssue(IssueLevel.Error, WithCause(message, exception));
                    if (exception is not null && host.IsDebugEnabled)
                    {
                        host.LogIssue(IssueLevel.Debug, exception.ToString());
                    }

                    break;
            }
        }

        private static string WithCause(string message, Exception? exception) =>
            exception is null || message.Contains(exception.Message, StringComparison.Ordinal) ? message : message + ": " + exception.Message;
    }

    private sealed class GroupEnd(IPipelineHost host) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                host.EndGroup();
            }
        }
    }
}
