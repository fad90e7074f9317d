using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Analysis.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Webhook {Name} ({Kind}): passed={Passed} after {Attempts} attempt(s): {Detail}")]
    public static partial void Finished(ILogger logger, string name, string kind, bool passed, int attempts, string detail);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Webhook {Name} ({Kind}): attempt {Attempt} of {Attempts} failed, retrying: {Detail}")]
    public static partial void Retrying(ILogger logger, string name, string kind, int attempt, int attempts, string detail);
}
