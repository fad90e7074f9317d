using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Lifecycle;

/// <summary>One call of the state machine: builds its decisions so every transition is recorded the same way.</summary>
internal readonly record struct Tick(RolloutState State, Observations Observations, RolloutSpec Spec)
{
    /// <summary>Time since the last transition.</summary>
    public TimeSpan Elapsed => Observations.Now - State.LastTransitionAt;

    public Tick With(RolloutState state) => this with { State = state };

    public Decision Stay(string reason, params RolloutAction[] actions) =>
        new(State with { Message = reason }, actions, reason) { IsTransition = false };

    /// <summary>A transition: the clock of the new phase/step starts now (mutate may keep the old one) and it goes into the history.</summary>
    public Decision To(RolloutPhase phase, string reason, Func<RolloutState, RolloutState> mutate, params RolloutAction[] actions)
    {
        var next = mutate(State with
        {
            Phase = phase,
            LastTransitionAt = Observations.Now,
            PausedByRun = null,
            AwaitingGateSince = null,
            Message = reason,
        });
        var record = new DecisionRecord(Observations.Now, State.Phase, next.Phase, next.StepIndex, next.Weight, reason);
        next = next with { History = [.. State.History.TakeLast(RolloutState.MaxRecords - 1), record] };
        return new Decision(next, actions, reason) { IsTransition = true };
    }

    /// <summary>Weight 0 first; the canary objects go only after the weight is read back as 0.</summary>
    public Decision RollBack(string reason) =>
        To(RolloutPhase.RollingBack, $"rolling back: {reason}", s => s with { Weight = 0 }, new SetWeight(0), new Wait(TimeSpan.Zero));

    public Decision Promote(string reason, params RolloutAction[] first) =>
        To(RolloutPhase.Promoting, $"promoting: {reason}", s => s, [.. first, new PromotePrimary(), new Wait(RolloutStateMachine.PollPeriod)]);
}
