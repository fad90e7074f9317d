namespace AmbassadorCanary.Analysis.Webhooks;

/// <summary>
/// The confirm-promotion gate after one look: Open when every confirm-promotion hook answered 2xx. A closed gate
/// is not a failed check: the rollout holds at its last step and asks again on the next tick.
/// </summary>
public sealed record PromotionGate(bool Open, IReadOnlyList<WebhookResult> Results)
{
    /// <summary>Why the gate is closed (the failing hooks' messages), or null when it is open.</summary>
    public string? Reason => Open ? null : string.Join("; ", Results.Where(r => !r.Passed).Select(r => r.Message));
}
