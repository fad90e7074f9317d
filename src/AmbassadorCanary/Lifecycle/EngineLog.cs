using AmbassadorCanary.Analysis;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Lifecycle;

internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Target}: {From} -> {To} (step {Step}, weight {Weight}): {Reason}")]
    public static partial void Transition(ILogger logger, string target, RolloutPhase from, RolloutPhase to, int step, int weight, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "{Target}: {Phase}: {Reason}")]
    public static partial void Holding(ILogger logger, string target, RolloutPhase phase, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "{Target}: resuming revision {Revision} in {Phase} (step {Step}, weight {Weight})")]
    public static partial void Resuming(ILogger logger, string target, string revision, RolloutPhase phase, int step, int weight);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "{Target}: starting revision {Revision}")]
    public static partial void Starting(ILogger logger, string target, string revision);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "{Target}: cancelled in {Phase}; {Action}")]
    public static partial void Cancelled(ILogger logger, string target, RolloutPhase phase, string action);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Event on Deployment {Namespace}/{Name} not written: {Error}")]
    public static partial void EventFailed(ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "{Target}: analysis failed, counted as no data: {Error}")]
    public static partial void AnalysisFailed(ILogger logger, string target, string error);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "{Target}: revision {Revision} already {Phase}; nothing to do")]
    public static partial void AlreadyDone(ILogger logger, string target, string revision, RolloutPhase phase);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "{Target}: lock not released (it expires by itself): {Error}")]
    public static partial void LockNotReleased(ILogger logger, string target, string error);

    [LoggerMessage(EventId = 1010, Message = "{Target}: check {Check} at weight {Weight}: {Outcome}, value {Value} (threshold {Threshold}){Detail}")]
    public static partial void Check(ILogger logger, LogLevel level, string target, string check, int weight, CheckOutcome outcome, string value, string threshold, string detail);
}
