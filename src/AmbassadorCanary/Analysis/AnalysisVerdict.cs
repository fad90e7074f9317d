namespace AmbassadorCanary.Analysis;

public enum CheckOutcome
{
    Pass,
    Fail,
    NoData,
}

/// <summary>One check of one tick: what was measured against what was allowed.</summary>
public sealed record CheckResult(string Name, CheckOutcome Outcome, double? Value, string Threshold, string? Detail = null);

public enum VerdictKind
{
    /// <summary>Keep going; failed checks (if any) are counted by the state machine.</summary>
    Continue,

    /// <summary>The judge found a significant regression: roll back now, whatever the failure limit.</summary>
    RollbackNow,

    /// <summary>The judge is confident the canary is no worse and the user allowed early promotion.</summary>
    PromoteNow,
}

/// <summary>What analysis says about one tick. Fed to the state machine as an observation.</summary>
public sealed record AnalysisVerdict(VerdictKind Kind, IReadOnlyList<CheckResult> Checks)
{
    public static readonly AnalysisVerdict Empty = new(VerdictKind.Continue, []);

    public bool AnyFailed => Checks.Any(c => c.Outcome == CheckOutcome.Fail);

    public bool AnyNoData => Checks.Any(c => c.Outcome == CheckOutcome.NoData);

    /// <summary>Analysis state after this tick, to persist and pass back in the next AnalysisContext; null if the analysis keeps none.</summary>
    public AnalysisState? State { get; init; }
}

/// <summary>What analysis knows about the tick being judged.</summary>
public sealed record AnalysisContext(
    Spec.RolloutSpec Spec,
    int CanaryWeight,
    string PrimaryName,
    string CanaryName,
    string PrimaryStatsName,
    string CanaryStatsName,
    DateTimeOffset Now)
{
    /// <summary>Analysis state from the previous tick (AnalysisVerdict.State), as persisted by the engine; null at the start.</summary>
    public AnalysisState? State { get; init; }
}

/// <summary>Judges the canary once per tick. The engine calls it only while traffic is shifted (weight above 0).</summary>
public interface ICanaryAnalysis
{
    Task<AnalysisVerdict> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken);
}
