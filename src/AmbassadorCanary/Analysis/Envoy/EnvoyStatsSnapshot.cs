namespace AmbassadorCanary.Analysis.Envoy;

/// <summary>
/// The last counters read from each Ambassador pod, for the canary and primary clusters. The baseline of the next
/// window; a plain record so the engine can persist it between runs (step mode). Counters are null when the
/// pod had no series for that cluster.
/// </summary>
public sealed record EnvoyStatsSnapshot(
    DateTimeOffset Time,
    string CanaryStatsName,
    string PrimaryStatsName,
    IReadOnlyList<EnvoyPodCounters> Pods);

public sealed record EnvoyPodCounters(string Pod, string? Uid, EnvoyClusterCounters? Canary, EnvoyClusterCounters? Primary);
