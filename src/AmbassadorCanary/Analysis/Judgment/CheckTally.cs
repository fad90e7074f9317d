using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>Failure bookkeeping carried from tick to tick; the engine persists it with the rollout state.</summary>
public sealed record CheckTallyState(int FailedTicks, int ConsecutiveFailedTicks, int NoDataTicks)
{
    public static readonly CheckTallyState Initial = new(0, 0, 0);
}

public enum TickOutcome
{
    Pass,
    Fail,

    /// <summary>No-data, still within the no-data limit: neither a pass nor a failure.</summary>
    NoData,

    /// <summary>No-data past the no-data limit: counted as a failure.</summary>
    NoDataCountedAsFailure,
}

public sealed record CheckTallyResult(CheckTallyState State, TickOutcome Outcome, int FailureCount, bool LimitExceeded);

/// <summary>
/// Folds one tick's check results into the failure count. A tick fails when any check failed. A tick with no
/// failure but some no-data is no-data: it never counts as a pass (it does not reset a consecutive run), and once
/// more than NoDataLimit no-data ticks were seen, each further one counts as a failure. The rollout rolls back when
/// the failure count (total or consecutive, per FailureCounting) exceeds FailureLimit.
/// </summary>
internal static class CheckTally
{
    public static CheckTallyResult Record(CheckTallyState state, IReadOnlyList<CheckResult> checks, RolloutSpec spec) =>
        Record(state, checks, spec.FailureLimit, spec.FailureCounting, spec.Analysis.NoDataLimit);

    public static CheckTallyResult Record(CheckTallyState state, IReadOnlyList<CheckResult> checks, int failureLimit, FailureCounting counting, int noDataLimit)
    {
        TickOutcome outcome;
        var next = state;
        if (checks.Any(c => c.Outcome == CheckOutcome.Fail))
        {
            outcome = TickOutcome.Fail;
        }
        else if (checks.Any(c => c.Outcome == CheckOutcome.NoData))
        {
            next = next with { NoDataTicks = state.NoDataTicks + 1 };
            outcome = next.NoDataTicks > noDataLimit ? TickOutcome.NoDataCountedAsFailure : TickOutcome.NoData;
        }
        else
        {
            outcome = TickOutcome.Pass;
        }

        next = outcome switch
        {
            TickOutcome.Fail or TickOutcome.NoDataCountedAsFailure =>
                next with { FailedTicks = next.FailedTicks + 1, ConsecutiveFailedTicks = next.ConsecutiveFailedTicks + 1 },
            TickOutcome.Pass => next with { ConsecutiveFailedTicks = 0 },
            _ => next,
        };

        var count = counting == FailureCounting.Consecutive ? next.ConsecutiveFailedTicks : next.FailedTicks;
        return new CheckTallyResult(next, outcome, count, count > failureLimit);
    }
}
