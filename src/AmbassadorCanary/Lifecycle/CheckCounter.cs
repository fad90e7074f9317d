using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Lifecycle;

/// <summary>Folds one tick's analysis verdict into the rollout state's failure counters (rules in CheckTally).</summary>
internal static class CheckCounter
{
    public static (RolloutState State, VerdictKind? Verdict, bool OverLimit) Count(RolloutState state, Observations observations, RolloutSpec spec)
    {
        if (observations.Verdict is not { } verdict)
        {
            return (state, null, false);
        }

        var tally = CheckTally.Record(new CheckTallyState(state.FailedChecks, state.ConsecutiveFailedChecks, state.NoDataChecks), verdict.Checks, spec);
        var record = new AnalysisRecord(observations.Now, state.StepIndex, state.Weight, verdict.Kind, verdict.Checks);
        var next = state with
        {
            NoDataChecks = tally.State.NoDataTicks,
            FailedChecks = tally.State.FailedTicks,
            ConsecutiveFailedChecks = tally.State.ConsecutiveFailedTicks,
            Analysis = [.. state.Analysis.TakeLast(RolloutState.MaxRecords - 1), record],
            AnalysisState = verdict.State ?? state.AnalysisState,
        };
        return (next, verdict.Kind, tally.LimitExceeded);
    }
}
