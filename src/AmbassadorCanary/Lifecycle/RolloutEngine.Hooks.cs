using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Lifecycle;

/// <summary>Performs the lifecycle webhooks the state machine asks for: before a tick (pre-rollout, gate) and as RunHooks actions.</summary>
internal sealed partial class RolloutEngine
{
    private static readonly WebhookKind[] LifecycleKinds = [WebhookKind.PreRollout, WebhookKind.ConfirmPromotion, WebhookKind.PostRollout, WebhookKind.Rollback];

    private static WebhookRunner? CheckWebhooks(RolloutSpec spec, WebhookRunner? webhooks) =>
        webhooks is null && spec.Analysis.Webhooks.Any(h => LifecycleKinds.Contains(h.Kind))
            ? throw new ArgumentException("lifecycle webhooks (pre-rollout, confirm-promotion, post-rollout, rollback) need a webhook runner", nameof(webhooks))
            : webhooks;

    /// <summary>
    /// Runs the pre-rollout hooks or the promotion gate when this tick needs them, and adds their answers to the
    /// observations. Hooks may take a while (timeouts, retries), so the Deployments' health is read again afterwards:
    /// a canary that turned unready while the gate was asked is rolled back, not promoted.
    /// </summary>
    private async Task<Observations> WithHooksAsync(Session session, RolloutState state, Observations observations, CancellationToken cancellationToken)
    {
        if (RolloutStateMachine.HooksDue(state, observations, _spec) is not { } kind)
        {
            return observations;
        }

        var results = await CallHooksAsync(kind, state.Phase, state.Weight, state, cancellationToken);
        var (canary, primary) = await session.Workload.ObserveAsync(state.Images, cancellationToken);
        return observations with { Hooks = new HookObservation(kind, results), Canary = canary, Primary = primary };
    }

    /// <summary>Runs the decision's RunHooks actions (post-rollout, rollback) and adds their answers to the state to persist.</summary>
    private async Task<Decision> RunEndHooksAsync(Decision decision, CancellationToken cancellationToken)
    {
        var records = new List<HookRecord>();
        foreach (var hooks in decision.Actions.OfType<RunHooks>())
        {
            records.AddRange(await CallHooksAsync(hooks.Kind, decision.Next.Phase, decision.Next.Weight, decision.Next, cancellationToken));
        }

        if (records.Count == 0)
        {
            return decision;
        }

        var next = decision.Next;
        return decision with { Next = next with { Hooks = [.. next.Hooks.TakeLast(Math.Max(0, RolloutState.MaxRecords - records.Count)), .. records] } };
    }

    private async Task<IReadOnlyList<HookRecord>> CallHooksAsync(WebhookKind kind, RolloutPhase phase, int weight, RolloutState state, CancellationToken cancellationToken)
    {
        var runner = _webhooks ?? throw new InvalidOperationException($"{_target}: {WebhookKindNames.Of(kind)} hooks are configured but no webhook runner was given");
        var revision = WebhookPayload.RevisionOf(_spec.Target with { Images = state.Images });
        var payload = WebhookPayload.For(_spec, phase.ToString(), weight, revision);
        var results = await runner.RunAsync(_spec.Analysis.Webhooks, kind, payload, cancellationToken);
        var now = _time.GetUtcNow();
        var records = results.Select(r => new HookRecord(now, WebhookKindNames.Of(r.Kind), r.Name, r.Passed, r.StatusCode, r.Attempts, r.Message)).ToList();
        var failed = records.Where(r => !r.Passed).Select(r => r.Message).ToList();
        var detail = failed.Count == 0 ? "all passed" : string.Join("; ", failed);
        var kindName = WebhookKindNames.Of(kind);
        HookLog.Ran(_logger, _target, kindName, records.Count - failed.Count, records.Count, detail);
        return records;
    }
}
