using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// The lifecycle webhooks: pre-rollout hooks before the canary is deployed, the confirm-promotion gate before an
/// automatic promotion, and post-rollout / rollback hooks after the terminal transition. The engine runs the hooks
/// HooksDue names before a tick and hands their answers in as Observations.Hooks; the machine decides.
/// </summary>
public static partial class RolloutStateMachine
{
    /// <summary>
    /// The hooks the engine must run before calling Next with these observations: PreRollout when this tick would
    /// deploy the canary, ConfirmPromotion when it would promote automatically (a promote command skips the gate);
    /// null for none. Pure: it asks Next what it would do if the hooks passed.
    /// </summary>
    public static WebhookKind? HooksDue(RolloutState state, Observations observations, RolloutSpec spec)
    {
        if (state.Phase == RolloutPhase.Initializing && Has(spec, WebhookKind.PreRollout))
        {
            var trial = Next(state, observations with { Hooks = new HookObservation(WebhookKind.PreRollout, []) }, spec);
            return trial.Actions.OfType<DeployCanary>().Any() ? WebhookKind.PreRollout : null;
        }

        if (Has(spec, WebhookKind.ConfirmPromotion) && !observations.PromoteRequested && !state.Phase.IsTerminal())
        {
            var trial = Next(state, observations with { Hooks = new HookObservation(WebhookKind.ConfirmPromotion, []) }, spec);
            return trial.Actions.OfType<PromotePrimary>().Any() ? WebhookKind.ConfirmPromotion : null;
        }

        return null;
    }

    private static bool Has(RolloutSpec spec, WebhookKind kind) => spec.Analysis.Webhooks.Any(h => h.Kind == kind);

    /// <summary>The hook answers of this tick go into the state's hook history whatever the decision is.</summary>
    private static RolloutState RecordHooks(RolloutState state, Observations observations) =>
        observations.Hooks is { Results.Count: > 0 } hooks
            ? state with { Hooks = [.. state.Hooks.TakeLast(Math.Max(0, RolloutState.MaxRecords - hooks.Results.Count)), .. hooks.Results] }
            : state;

    /// <summary>Initializing: the pre-rollout hooks must all pass before anything is deployed; a failure ends the rollout.</summary>
    private static Decision Initializing(Tick tick)
    {
        if (!Has(tick.Spec, WebhookKind.PreRollout))
        {
            return tick.To(RolloutPhase.CanaryDeploying, "deploying the canary", s => s, new DeployCanary(), new Wait(PollPeriod));
        }

        if (tick.Observations.Hooks is { Kind: WebhookKind.PreRollout, Passed: true } passed)
        {
            return tick.To(RolloutPhase.CanaryDeploying, $"pre-rollout hooks passed ({passed.Results.Count}); deploying the canary", s => s,
                new DeployCanary(), new Wait(PollPeriod));
        }

        var why = tick.Observations.Hooks is { Kind: WebhookKind.PreRollout } failed ? failed.Failures : "the pre-rollout hooks were not run";

        // Nothing was deployed; the removals only clean up after a run that died between deploying and saving.
        return tick.To(RolloutPhase.RolledBack, $"rolled back: pre-rollout hook failed, the canary was not deployed: {why}", s => s with { Weight = 0 },
            new RemoveCanaryService(), new RemoveCanaryDeployment());
    }

    /// <summary>True when no confirm-promotion hook is configured, a promote command was given, or every hook answered 2xx this tick.</summary>
    private static bool GateOpen(Tick tick) =>
        !Has(tick.Spec, WebhookKind.ConfirmPromotion)
        || tick.Observations.PromoteRequested
        || tick.Observations.Hooks is { Kind: WebhookKind.ConfirmPromotion, Passed: true };

    /// <summary>
    /// Promotes when the gate is open; otherwise holds the current phase, step and weight for another interval (readiness
    /// still watched every WatchPeriod) and asks again at its end, after that interval's analysis.
    /// </summary>
    private static Decision GatedPromote(Tick tick, string reason, params RolloutAction[] first)
    {
        if (GateOpen(tick))
        {
            return tick.Promote(reason, first);
        }

        var (state, o, spec) = (tick.State, tick.Observations, tick.Spec);
        var why = o.Hooks is { Kind: WebhookKind.ConfirmPromotion } gate ? gate.Failures : "the gate was not asked";
        var message = $"{reason}; waiting for the confirm-promotion gate at weight {state.Weight}: {why}";
        // Progressing re-checks readiness every WatchPeriod and asks again after the interval's analysis; the other phases
        // (no steps, a last pause) have no analysis to wait for and ask again after one interval.
        var wait = state.Phase == RolloutPhase.Progressing ? Min(WatchPeriod, spec.Interval) : spec.Interval;
        RolloutAction[] actions = [.. first, new Wait(wait)];
        if (state.AwaitingGateSince is null)
        {
            // The first closed answer is a transition (history, Event); the step's clock restarts so analysis keeps its interval.
            return tick.To(state.Phase, message,
                s => s with { StepIndex = state.StepIndex, Weight = state.Weight, PausedByRun = state.PausedByRun, AwaitingGateSince = o.Now }, actions);
        }

        return tick.With(state with { LastTransitionAt = o.Now }).Stay(message, actions);
    }

    /// <summary>Entering Succeeded runs the post-rollout hooks, entering RolledBack the rollback hooks (after the canary is removed).</summary>
    private static Decision WithEndHooks(Decision decision, RolloutSpec spec)
    {
        if (!decision.IsTransition)
        {
            return decision;
        }

        WebhookKind? kind = decision.Next.Phase switch
        {
            RolloutPhase.Succeeded => WebhookKind.PostRollout,
            RolloutPhase.RolledBack => WebhookKind.Rollback,
            _ => null,
        };
        return kind is { } k && Has(spec, k) ? decision with { Actions = [.. decision.Actions, new RunHooks(k)] } : decision;
    }
}
