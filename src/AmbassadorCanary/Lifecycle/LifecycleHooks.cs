using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// Call the lifecycle webhooks of this kind (post-rollout, rollback) and record what they answered. Reported only:
/// the rollout's outcome does not depend on them.
/// </summary>
public sealed record RunHooks(WebhookKind Kind) : RolloutAction;

/// <summary>One webhook call as kept in the state's hook history (Hook is the kebab-case kind, e.g. "confirm-promotion").</summary>
public sealed record HookRecord(DateTimeOffset At, string Hook, string Name, bool Passed, int? StatusCode, int Attempts, string Message);

/// <summary>
/// What the hooks the engine ran before this tick answered: the pre-rollout hooks (in Initializing) or the
/// confirm-promotion gate (when the tick would promote). Passed only when every hook answered 2xx.
/// </summary>
public sealed record HookObservation(WebhookKind Kind, IReadOnlyList<HookRecord> Results)
{
    public bool Passed => Results.All(r => r.Passed);

    /// <summary>The failing hooks' messages, or "" when all passed.</summary>
    public string Failures => string.Join("; ", Results.Where(r => !r.Passed).Select(r => r.Message));
}
