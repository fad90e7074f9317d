using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Hosts;

/// <summary>Scope state that the pipeline logger turns into a collapsible group (::group:: / ##[group]).</summary>
internal sealed record LogGroup(string Title)
{
    public override string ToString() => Title;
}

internal static class PipelineLoggingExtensions
{
    /// <summary>Opens a collapsible log group; dispose to close it.</summary>
    public static IDisposable? BeginGroup(this ILogger logger, string title) => logger.BeginScope(new LogGroup(title));

    /// <summary>Logs through <paramref name="host"/>; debug events pass only when the pipeline asked for debug output.</summary>
    public static ILoggingBuilder AddPipelineHost(this ILoggingBuilder builder, IPipelineHost host)
    {
        builder.SetMinimumLevel(host.IsDebugEnabled ? LogLevel.Debug : LogLevel.Information);
        return builder.AddProvider(new PipelineLoggerProvider(host));
    }
}
