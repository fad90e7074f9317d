using KubeEmulator.Api;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>Questions about the emulator's request log.</summary>
internal static class ClusterAssertions
{
    private static readonly HashSet<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    public static IReadOnlyList<RequestRecord> Writes(this RequestLog log) => log.Where(r => WriteVerbs.Contains(r.Verb));

    /// <summary>Writes to one object, e.g. ("deployments", "web").</summary>
    public static IReadOnlyList<RequestRecord> WritesTo(this RequestLog log, string resource, string name) =>
        log.Where(r => WriteVerbs.Contains(r.Verb) && r.Resource == resource && r.Name == name);
}
