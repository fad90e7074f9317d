using AmbassadorCanary.Analysis;

namespace AmbassadorCanary.Lifecycle;

/// <summary>How a Deployment looks to the rollout.</summary>
public enum WorkloadHealth
{
    /// <summary>Not there.</summary>
    Absent,

    /// <summary>Rolling out, or not all replicas available yet.</summary>
    Progressing,

    /// <summary>Runs the desired images with every replica available.</summary>
    Ready,

    /// <summary>The controller gave up (ProgressDeadlineExceeded).</summary>
    Failed,
}

/// <summary>Everything the engine observed before one tick. The state machine reads nothing else.</summary>
public sealed record Observations
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>Revision this run was asked to roll out.</summary>
    public required string DesiredRevision { get; init; }

    /// <summary>Identity of this run; a pause "until the next run" ends when a run with another identity ticks.</summary>
    public required string RunId { get; init; }

    public WorkloadHealth Canary { get; init; } = WorkloadHealth.Absent;

    /// <summary>Ready once the primary runs the desired images and is rolled out (meaningful while promoting).</summary>
    public WorkloadHealth Primary { get; init; } = WorkloadHealth.Progressing;

    /// <summary>Canary weight as read back from the route; null when there is no canary route.</summary>
    public int? RouteWeight { get; init; }

    /// <summary>Analysis of this tick; null when none was run.</summary>
    public AnalysisVerdict? Verdict { get; init; }

    public bool PromoteRequested { get; init; }

    public bool RollbackRequested { get; init; }

    /// <summary>The pre-rollout hooks or the confirm-promotion gate, when the engine ran them before this tick (see RolloutStateMachine.HooksDue).</summary>
    public HookObservation? Hooks { get; init; }
}
