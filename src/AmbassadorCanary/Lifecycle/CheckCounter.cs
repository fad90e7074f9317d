using AmbassadorCanary.Analysis;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Lifecycle;

/// <summary>Folds one tick's analysis verdict into the failure counters.</summary>
internal static class CheckCounter
{
    public static (RolloutState State, VerdictKind? Verdict, bool OverLimit) Count(RolloutState state, Observations observations, RolloutSpec spec)
    {
        if (observations.Verdict is not { } verdict)
        {
            return (state, null, false);
        }

        var noData = !verdict.AnyFailed && verdict.AnyNoData ? state.NoDataChecks + 1 : state.NoDataChecks;

        // "No data" is never a pass: past the tolerated number of no-data ticks each one counts as failed.
        var failed = verdict.AnyFailed || (verdict.AnyNoData && noData > spec.Analysis.NoDataLimit);
        var record = new AnalysisRecord(observations.Now, state.StepIndex, state.Weight, verdict.Kind, verdict.Checks);
        var next = state with
        {
            NoDataChecks = noData,
            FailedChecks = failed ? state.FailedChecks + 1 : state.FailedChecks,
            ConsecutiveFailedChecks = failed ? state.ConsecutiveFailedChecks + 1 : 0,
            Analysis = [.. state.Analysis.TakeLast(RolloutState.MaxRecords - 1), record],
        };
        var count = spec.FailureCounting == FailureCounting.Total ? next.FailedChecks : next.ConsecutiveFailedChecks;
        return (next, verdict.Kind, count > spec.FailureLimit);
    }
}
