namespace AmbassadorCanary.Spec;

/// <summary>
/// Everything one rollout needs, after flags, file and defaults are merged and validated.
/// Built only by the spec loader; every other component takes it as given.
/// </summary>
public sealed record RolloutSpec
{
    public required TargetSpec Target { get; init; }

    public required RouteSpec Route { get; init; }

    /// <summary>Canary weights and pauses, in order. Normalised from stepWeights or stepWeight + maxWeight.</summary>
    public required IReadOnlyList<RolloutStep> Steps { get; init; }

    /// <summary>How long each weight step is held (and analysed) before the next.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the canary (and, at promotion, the primary) may take to become ready.</summary>
    public TimeSpan ProgressDeadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound on one whole rollout, from its start; past it the rollout rolls back.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(60);

    public PromotionMode Promotion { get; init; } = PromotionMode.Auto;

    /// <summary>Failed checks tolerated; one more rolls back.</summary>
    public int FailureLimit { get; init; } = 3;

    public FailureCounting FailureCounting { get; init; } = FailureCounting.Total;

    public AnalysisSpec Analysis { get; init; } = new();

    /// <summary>Optional header/cookie route that sends matching requests to the canary at 100 % (testers, PR previews).</summary>
    public HeaderRouteSpec? HeaderRoute { get; init; }

    /// <summary>What a cancelled run does to the canary weight before it exits.</summary>
    public CancelBehaviour OnCancel { get; init; } = CancelBehaviour.Rollback;

    /// <summary>Lease duration of the per-target lock; a crashed run blocks others at most this long.</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>The workload being released.</summary>
public sealed record TargetSpec
{
    public required string Namespace { get; init; }

    public required string Deployment { get; init; }

    /// <summary>Container name → new image. At least one.</summary>
    public required IReadOnlyDictionary<string, string> Images { get; init; }

    /// <summary>Primary Service name; defaults to the Deployment's name.</summary>
    public string? Service { get; init; }
}

/// <summary>How Ambassador routes to the target today.</summary>
public sealed record RouteSpec
{
    /// <summary>Name of the primary Mapping. When empty the Mapping is found by Prefix (and Host).</summary>
    public string? Mapping { get; init; }

    public string? Prefix { get; init; }

    public string? Host { get; init; }

    public MappingDialect Dialect { get; init; } = MappingDialect.Auto;

    /// <summary>ambassador_id(s) the generated Mappings carry; empty means copy the primary's.</summary>
    public IReadOnlyList<string> AmbassadorId { get; init; } = [];
}

public enum MappingDialect
{
    Auto,
    V3Alpha1,
    V2,
    V1,
    Annotation,
}

public enum PromotionMode
{
    Auto,
    Manual,
}

public enum FailureCounting
{
    Total,
    Consecutive,
}

public enum CancelBehaviour
{
    Rollback,
    Leave,
}

/// <summary>One entry of the step plan: set a weight, or pause.</summary>
public abstract record RolloutStep
{
    private protected RolloutStep()
    {
    }
}

public sealed record WeightStep(int Weight) : RolloutStep;

/// <summary>A pause for Duration, or, with no Duration, until the next run of the tool (scheduled workflows).</summary>
public sealed record PauseStep(TimeSpan? Duration) : RolloutStep;

/// <summary>Requests carrying this header (exact or regex value) or cookie go to the canary.</summary>
public sealed record HeaderRouteSpec
{
    /// <summary>Name suffix of the generated Mapping, e.g. "header" → web-canary-header, "pr-123" → web-pr-123.</summary>
    public string Name { get; init; } = "header";

    public string? Header { get; init; }

    public string? Value { get; init; }

    /// <summary>Cookie name=value; becomes a regex_headers match on "cookie".</summary>
    public string? Cookie { get; init; }
}
