namespace AmbassadorCanary.Lifecycle;

/// <summary>What one tick decided: the state to persist, the actions to run in order, and why.</summary>
public sealed record Decision(RolloutState Next, IReadOnlyList<RolloutAction> Actions, string Reason)
{
    /// <summary>True when the phase, step or weight changed (a transition is recorded, persisted and announced).</summary>
    public required bool IsTransition { get; init; }

    /// <summary>How long to wait before the next tick; null with a Wait action means "until another run or a command".</summary>
    public Wait? Wait => Actions.OfType<Wait>().LastOrDefault();
}
