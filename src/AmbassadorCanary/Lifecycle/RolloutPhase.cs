namespace AmbassadorCanary.Lifecycle;

/// <summary>Where a rollout is. Succeeded and RolledBack are terminal.</summary>
public enum RolloutPhase
{
    Initializing,
    CanaryDeploying,
    Progressing,
    Paused,
    Promoting,
    Finalizing,
    Succeeded,
    RollingBack,
    RolledBack,
}

public static class RolloutPhaseExtensions
{
    public static bool IsTerminal(this RolloutPhase phase) => phase is RolloutPhase.Succeeded or RolloutPhase.RolledBack;
}
