namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>
/// The error-count judge's running state: the log likelihood ratio of every rate ratio on its grids (one product of
/// per-tick ratios each), and the totals seen. Serialisable; the engine persists it with the rollout state.
/// </summary>
public sealed record SequentialCountJudgeState(
    IReadOnlyList<double> LogWorse,
    IReadOnlyList<double> LogNoWorse,
    long CanaryRequests,
    long CanaryErrors,
    long PrimaryRequests,
    long PrimaryErrors,
    int Ticks);
