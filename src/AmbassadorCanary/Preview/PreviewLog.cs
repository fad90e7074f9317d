using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Preview;

internal static partial class PreviewLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Preview {Namespace}/{Name}: waiting for Deployment to be ready ({Health})")]
    public static partial void Waiting(ILogger logger, string @namespace, string name, Lifecycle.WorkloadHealth health);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Preview {Namespace}/{Name}: Deployment ready")]
    public static partial void Ready(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Mapping {Namespace}/{Name}: applied (header route to Service {Service})")]
    public static partial void MappingApplied(ILogger logger, string @namespace, string name, string service);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "{Kind} {Namespace}/{Name}: deleted")]
    public static partial void Deleted(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Pull request #{Number}: preview comment {Action}")]
    public static partial void Comment(ILogger logger, int number, string action);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Pull request #{Number}: the preview comment could not be written: {Reason}")]
    public static partial void CommentFailed(ILogger logger, int number, string reason);
}
