using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Lifecycle;

internal static partial class HookLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Target}: {Kind} hooks: {Passed} of {Total} passed: {Detail}")]
    public static partial void Ran(ILogger logger, string target, string kind, int passed, int total, string detail);
}
