namespace AmbassadorCanary.Lifecycle;

/// <summary>One side effect the engine performs for a decision, in list order. Every action is idempotent.</summary>
public abstract record RolloutAction
{
    private protected RolloutAction()
    {
    }
}

/// <summary>Create or update the canary Deployment and the canary Service (never a route).</summary>
public sealed record DeployCanary : RolloutAction;

/// <summary>Create or update the canary Mapping (keeping its current weight, 0 when new), the header route, and stats_name on the primary.</summary>
public sealed record ReconcileRoutes : RolloutAction;

/// <summary>Set the canary Mapping's weight; the primary (unweighted) gets the rest.</summary>
public sealed record SetWeight(int Weight) : RolloutAction;

/// <summary>Put the new images into the primary's pod template, in place.</summary>
public sealed record PromotePrimary : RolloutAction;

/// <summary>Delete the canary Mapping and the header route.</summary>
public sealed record RemoveCanaryRoutes : RolloutAction;

public sealed record RemoveCanaryService : RolloutAction;

public sealed record RemoveCanaryDeployment : RolloutAction;

/// <summary>Observe again after Duration; null means wait for something outside this run (the next run, or a promote command).</summary>
public sealed record Wait(TimeSpan? Duration) : RolloutAction;
