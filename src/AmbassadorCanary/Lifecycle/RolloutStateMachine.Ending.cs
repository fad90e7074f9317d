namespace AmbassadorCanary.Lifecycle;

/// <summary>Promotion and rollback: the phases that take the canary away again.</summary>
public static partial class RolloutStateMachine
{
    private static Decision Promoting(Tick tick)
    {
        var (state, o, spec) = (tick.State, tick.Observations, tick.Spec);
        if (o.Canary != WorkloadHealth.Ready && state.Weight > 0)
        {
            // The primary is already taking the new template; keep promoting but stop sending traffic to the canary.
            return tick.To(RolloutPhase.Promoting, $"canary is {o.Canary.ToString().ToLowerInvariant()} while promoting: weight 0",
                s => s with { Weight = 0, LastTransitionAt = state.LastTransitionAt }, new SetWeight(0), new Wait(PollPeriod));
        }

        switch (o.Primary)
        {
            case WorkloadHealth.Ready:
                return tick.To(RolloutPhase.Finalizing, "primary runs the new revision; canary weight to 0",
                    s => s with { Weight = 0 }, new SetWeight(0), new Wait(TimeSpan.Zero));
            case WorkloadHealth.Failed:
                return tick.RollBack("primary Deployment failed to roll out the new revision: progress deadline exceeded");
        }

        var remaining = spec.ProgressDeadline - tick.Elapsed;
        return remaining <= TimeSpan.Zero
            ? tick.RollBack($"primary not ready within the progress deadline of {Format(spec.ProgressDeadline)}")
            : tick.Stay("waiting for the primary to roll out the new revision", new Wait(Min(PollPeriod, remaining)));
    }

    /// <summary>Finalizing and RollingBack: verify the weight is 0, only then remove the canary (route, Service, Deployment).</summary>
    private static Decision RemoveCanaryOnceUnweighted(Tick tick, RolloutPhase end, string done)
    {
        if (tick.Observations.RouteWeight is { } weight && weight != 0)
        {
            return tick.Stay($"canary route still has weight {weight}; setting 0", new SetWeight(0), new Wait(TimeSpan.Zero));
        }

        return tick.To(end, $"{done}: canary weight verified 0, canary removed", s => s with { Weight = 0 },
            new RemoveCanaryRoutes(), new RemoveCanaryService(), new RemoveCanaryDeployment());
    }
}
