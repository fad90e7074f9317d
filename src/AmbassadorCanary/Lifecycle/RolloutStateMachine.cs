using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// The rollout lifecycle as one pure function: Next(state, observations, spec) → decision.
/// No I/O and no clock: time arrives in the observations. The engine runs the actions in order.
/// </summary>
public static partial class RolloutStateMachine
{
    /// <summary>How often readiness is polled while waiting for a Deployment.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest wait while traffic is shifted (a step's interval, a pause): readiness is re-checked at least this often,
    /// so a canary that turns unready mid-step loses its weight within this period, not at the end of the step.
    /// </summary>
    public static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(10);

    public static Decision Next(RolloutState state, Observations observations, RolloutSpec spec)
    {
        var tick = new Tick(RecordHooks(state, observations), observations, spec);
        state = tick.State;
        if (state.Phase.IsTerminal())
        {
            return tick.Stay($"rollout already {state.Phase}");
        }

        if (state.Phase != RolloutPhase.RollingBack)
        {
            if (observations.RollbackRequested)
            {
                return tick.RollBack("rollback requested");
            }

            // Once the primary is being promoted the promotion is finished first; a new revision starts after it.
            if (state.Phase is not (RolloutPhase.Promoting or RolloutPhase.Finalizing))
            {
                if (observations.DesiredRevision != state.Revision)
                {
                    return tick.RollBack($"superseded by revision {observations.DesiredRevision}");
                }

                if (observations.Now - state.StartedAt >= spec.Timeout)
                {
                    return tick.RollBack($"timed out: the rollout did not finish within {Format(spec.Timeout)}");
                }
            }
        }

        var decision = state.Phase switch
        {
            RolloutPhase.Initializing => Initializing(tick),
            RolloutPhase.CanaryDeploying => CanaryDeploying(tick),
            RolloutPhase.Progressing => Progressing(tick),
            RolloutPhase.Paused => Paused(tick),
            RolloutPhase.Promoting => Promoting(tick),
            RolloutPhase.Finalizing => RemoveCanaryOnceUnweighted(tick, RolloutPhase.Succeeded, "promoted"),
            RolloutPhase.RollingBack => RemoveCanaryOnceUnweighted(tick, RolloutPhase.RolledBack, "rolled back"),
            _ => throw new InvalidOperationException($"rollout phase {state.Phase} has no transition"),
        };
        return WithEndHooks(decision, spec);
    }

    /// <summary>True when the engine should run analysis before this tick: traffic is shifted and the step's interval is over.</summary>
    public static bool NeedsAnalysis(RolloutState state, DateTimeOffset now, RolloutSpec spec) =>
        state.Phase == RolloutPhase.Progressing && state.Weight > 0 && now - state.LastTransitionAt >= spec.Interval;

    private static Decision CanaryDeploying(Tick tick)
    {
        var o = tick.Observations;
        switch (o.Canary)
        {
            case WorkloadHealth.Failed:
                return tick.RollBack("canary Deployment failed: progress deadline exceeded");
            case WorkloadHealth.Ready when o.PromoteRequested:
                return tick.Promote("canary ready; promotion requested");
            case WorkloadHealth.Ready:
                return BeginStep(tick, 0, tick.State, "canary ready", new ReconcileRoutes());
        }

        var remaining = tick.Spec.ProgressDeadline - tick.Elapsed;
        if (remaining <= TimeSpan.Zero)
        {
            return tick.RollBack($"canary not ready within the progress deadline of {Format(tick.Spec.ProgressDeadline)}");
        }

        return tick.Stay("waiting for the canary to become ready", new Wait(Min(PollPeriod, remaining)));
    }

    private static Decision Progressing(Tick tick)
    {
        var (state, o, spec) = (tick.State, tick.Observations, tick.Spec);
        if (o.Canary != WorkloadHealth.Ready)
        {
            return tick.RollBack($"canary is {o.Canary.ToString().ToLowerInvariant()} while receiving {state.Weight}% of traffic");
        }

        var counted = CheckCounter.Count(state, o, spec);
        if (counted.Verdict is Analysis.VerdictKind.RollbackNow)
        {
            return tick.With(counted.State).RollBack("analysis: significant regression, rolling back now");
        }

        if (counted.OverLimit)
        {
            var count = spec.FailureCounting == Spec.FailureCounting.Total ? counted.State.FailedChecks : counted.State.ConsecutiveFailedChecks;
            return tick.With(counted.State).RollBack($"{count} failed checks exceed the failure limit of {spec.FailureLimit}");
        }

        tick = tick.With(counted.State);
        if (o.PromoteRequested)
        {
            return tick.Promote("promotion requested");
        }

        if (counted.Verdict is Analysis.VerdictKind.PromoteNow && GateOpen(tick))
        {
            return tick.Promote("analysis: canary is no worse, promoting early");
        }

        var remaining = spec.Interval - tick.Elapsed;
        if (remaining <= TimeSpan.Zero)
        {
            return BeginStep(tick, state.StepIndex + 1, tick.State, $"step {state.StepIndex + 1} held for {Format(spec.Interval)}");
        }

        if (o.RouteWeight != state.Weight)
        {
            RolloutAction[] repair = o.RouteWeight is null
                ? [new ReconcileRoutes(), new SetWeight(state.Weight), new Wait(Min(WatchPeriod, remaining))]
                : [new SetWeight(state.Weight), new Wait(Min(WatchPeriod, remaining))];
            return tick.Stay($"route weight is {o.RouteWeight?.ToString() ?? "missing"}, restoring {state.Weight}", repair);
        }

        return tick.Stay($"holding weight {state.Weight}", new Wait(Min(WatchPeriod, remaining)));
    }

    private static Decision Paused(Tick tick)
    {
        var (state, o, spec) = (tick.State, tick.Observations, tick.Spec);
        if (o.Canary != WorkloadHealth.Ready)
        {
            return tick.RollBack($"canary is {o.Canary.ToString().ToLowerInvariant()} while paused at weight {state.Weight}");
        }

        if (o.PromoteRequested)
        {
            return tick.Promote("promotion requested");
        }

        if (state.StepIndex >= spec.Steps.Count)
        {
            return tick.Stay("waiting for a promote command", new Wait(null));
        }

        var pause = (PauseStep)spec.Steps[state.StepIndex];
        if (pause.Duration is not { } duration)
        {
            return o.RunId != state.PausedByRun
                ? BeginStep(tick, state.StepIndex + 1, state, "pause until the next run: resumed")
                : tick.Stay("paused until the next run", new Wait(null));
        }

        var remaining = duration - tick.Elapsed;
        return remaining <= TimeSpan.Zero
            ? BeginStep(tick, state.StepIndex + 1, state, $"paused for {Format(duration)}")
            : tick.Stay($"paused for {Format(duration)}", new Wait(Min(WatchPeriod, remaining)));
    }

    /// <summary>Enters step index (or promotion, past the last step). Only called with a ready canary.</summary>
    private static Decision BeginStep(Tick tick, int index, RolloutState state, string reason, params RolloutAction[] first)
    {
        var spec = tick.Spec;
        tick = tick.With(state);
        if (index >= spec.Steps.Count)
        {
            return spec.Promotion == PromotionMode.Auto
                ? GatedPromote(tick, $"{reason}; all steps done", first)
                : tick.To(RolloutPhase.Paused, $"{reason}; all steps done, waiting for a promote command", s => s with { StepIndex = index }, [.. first, new Wait(null)]);
        }

        var counter = $"step {index + 1}/{spec.Steps.Count}";
        return spec.Steps[index] switch
        {
            WeightStep w => tick.To(RolloutPhase.Progressing, $"{reason}; {counter}: weight {w.Weight}",
                s => s with { StepIndex = index, Weight = w.Weight }, [.. first, new SetWeight(w.Weight), new Wait(Min(WatchPeriod, spec.Interval))]),
            PauseStep { Duration: { } d } => tick.To(RolloutPhase.Paused, $"{reason}; {counter}: pause for {Format(d)}",
                s => s with { StepIndex = index }, [.. first, new Wait(Min(WatchPeriod, d))]),
            PauseStep => tick.To(RolloutPhase.Paused, $"{reason}; {counter}: pause until the next run",
                s => s with { StepIndex = index, PausedByRun = tick.Observations.RunId }, [.. first, new Wait(null)]),
            _ => throw new InvalidOperationException($"step {index} has an unknown kind"),
        };
    }

    internal static string Format(TimeSpan t) => t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) ? $"{t.TotalHours}h"
        : t.TotalMinutes >= 1 && t.TotalMinutes == Math.Floor(t.TotalMinutes) ? $"{t.TotalMinutes}m"
        : $"{t.TotalSeconds}s";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
