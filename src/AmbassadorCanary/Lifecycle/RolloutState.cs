using AmbassadorCanary.Analysis;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// The persisted rollout: everything a fresh run needs to continue where another stopped.
/// Stored as JSON in the ConfigMap &lt;target&gt;-canary-state (see docs/lifecycle.md).
/// </summary>
public sealed record RolloutState
{
    /// <summary>Records kept in History and Analysis; older ones are dropped so the ConfigMap stays small.</summary>
    public const int MaxRecords = 100;

    public RolloutPhase Phase { get; init; }

    /// <summary>Hash of the container → image map being rolled out.</summary>
    public required string Revision { get; init; }

    public IReadOnlyDictionary<string, string> Images { get; init; } = new Dictionary<string, string>();

    /// <summary>Index into the spec's steps; -1 before the first, Steps.Count while waiting for a manual promotion.</summary>
    public int StepIndex { get; init; } = -1;

    /// <summary>Canary weight the rollout has set (0 to 100).</summary>
    public int Weight { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the phase, step or weight last changed: intervals, pauses and deadlines count from here.</summary>
    public DateTimeOffset LastTransitionAt { get; init; }

    /// <summary>Ticks with at least one failed check (including no-data ticks beyond the no-data limit).</summary>
    public int FailedChecks { get; init; }

    public int ConsecutiveFailedChecks { get; init; }

    /// <summary>Ticks with no data and no failure.</summary>
    public int NoDataChecks { get; init; }

    /// <summary>Run that entered a pause "until the next run".</summary>
    public string? PausedByRun { get; init; }

    /// <summary>Reason of the last decision.</summary>
    public string Message { get; init; } = "";

    public IReadOnlyList<DecisionRecord> History { get; init; } = [];

    public IReadOnlyList<AnalysisRecord> Analysis { get; init; } = [];

    /// <summary>Lifecycle webhook calls (pre-rollout, confirm-promotion, post-rollout, rollback), the last MaxRecords.</summary>
    public IReadOnlyList<HookRecord> Hooks { get; init; } = [];

    /// <summary>Set while all steps are done and a closed confirm-promotion gate holds the promotion back.</summary>
    public DateTimeOffset? AwaitingGateSince { get; init; }

    /// <summary>The analysis judges' evidence so far, handed back to the analysis on the next tick.</summary>
    public AnalysisState? AnalysisState { get; init; }

    public static RolloutState Start(string revision, IReadOnlyDictionary<string, string> images, DateTimeOffset now) => new()
    {
        Phase = RolloutPhase.Initializing,
        Revision = revision,
        Images = images,
        StartedAt = now,
        LastTransitionAt = now,
        Message = "rollout created",
    };
}

/// <summary>One transition, as kept in the history.</summary>
public sealed record DecisionRecord(DateTimeOffset At, RolloutPhase From, RolloutPhase To, int Step, int Weight, string Reason);

/// <summary>The checks of one analysed tick.</summary>
public sealed record AnalysisRecord(DateTimeOffset At, int Step, int Weight, VerdictKind Verdict, IReadOnlyList<CheckResult> Checks);
