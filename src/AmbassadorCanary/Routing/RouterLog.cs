using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Routing;

internal static partial class RouterLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Mapping dialect {Dialect} ({How})")]
    public static partial void Dialect(ILogger logger, Spec.MappingDialect dialect, string how);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Primary Mapping {Namespace}/{Name} routes to {Service}")]
    public static partial void PrimaryFound(ILogger logger, string @namespace, string name, ServiceReference service);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Mapping {Namespace}/{Name}: applied")]
    public static partial void MappingApplied(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Mapping {Namespace}/{Name}: weight {Weight}")]
    public static partial void WeightSet(ILogger logger, string @namespace, string name, int weight);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Mapping {Namespace}/{Name}: deleted")]
    public static partial void MappingDeleted(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Mapping {Namespace}/{Name}: stats_name set to {StatsName}")]
    public static partial void PrimaryStatsSet(ILogger logger, string @namespace, string name, string statsName);
}
