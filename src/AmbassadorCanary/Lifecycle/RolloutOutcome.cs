namespace AmbassadorCanary.Lifecycle;

public enum RunMode
{
    /// <summary>Drive ticks until a terminal phase (or a pause that waits for another run or a command).</summary>
    Rollout,

    /// <summary>At most one transition, then exit: for scheduled workflows.</summary>
    Step,
}

/// <summary>What a run ended with. ExitCode follows ExitCodes: 0 promoted or progressing, 1 rolled back or failed, 2 bad input, 3 infrastructure.</summary>
public sealed record RolloutOutcome(RolloutPhase Phase, int Weight, string Revision, int ExitCode, string Message)
{
    public bool Cancelled { get; init; }

    public Decision? LastDecision { get; init; }

    public IReadOnlyList<DecisionRecord> History { get; init; } = [];

    public RolloutState? State { get; init; }

    public static RolloutOutcome From(RolloutState state, Decision? last, bool cancelled = false) => new(
        state.Phase,
        state.Weight,
        state.Revision,
        cancelled || state.Phase == RolloutPhase.RolledBack || state.Phase == RolloutPhase.RollingBack ? ExitCodes.RolledBack : ExitCodes.Success,
        cancelled ? $"cancelled: {state.Message}" : state.Message)
    {
        Cancelled = cancelled,
        LastDecision = last,
        History = state.History,
        State = state,
    };
}
