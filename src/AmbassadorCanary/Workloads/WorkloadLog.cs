using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Workloads;

internal static partial class WorkloadLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Deployment {Namespace}/{Name}: applied (revision {Revision})")]
    public static partial void DeploymentApplied(ILogger logger, string @namespace, string name, string revision);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Service {Namespace}/{Name}: applied")]
    public static partial void ServiceApplied(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Deployment {Namespace}/{Name}: primary pod template updated to revision {Revision}")]
    public static partial void PrimaryPromoted(ILogger logger, string @namespace, string name, string revision);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "{Kind} {Namespace}/{Name}: deleted")]
    public static partial void Deleted(ILogger logger, string kind, string @namespace, string name);
}
