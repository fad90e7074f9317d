using KubeEmulator.Ambassador;

namespace AmbassadorCanary.Sandbox;

/// <summary>What the canary version does in a sandbox run, and how the run should end.</summary>
internal sealed record SandboxScenario(string Name, string Description, BackendBehaviour? CanaryBehaviour, bool CanaryNeverReady, int ExpectedExitCode)
{
    /// <summary>The stable version: 0.5 % errors, 40 ms median, 200 ms p99.</summary>
    public static readonly BackendBehaviour Stable = new() { ErrorRate = 0.005, Latency = new LatencyProfile(40, 200) };

    public static IReadOnlyList<SandboxScenario> All { get; } =
    [
        new("healthy", "the canary behaves like the stable version: it is promoted", Stable, CanaryNeverReady: false, ExitCodes.Success),
        new("unready", "the canary never becomes ready: it is rolled back before it gets traffic", Stable, CanaryNeverReady: true, ExitCodes.RolledBack),
        new("errors", "the canary answers 5 % of requests with 5xx: it is rolled back", Stable with { ErrorRate = 0.05 }, CanaryNeverReady: false, ExitCodes.RolledBack),
        new("slow", "the canary is twice as slow (median and p99): it is rolled back", Stable with { Latency = new LatencyProfile(80, 400) }, CanaryNeverReady: false, ExitCodes.RolledBack),
    ];

    public static SandboxScenario? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
