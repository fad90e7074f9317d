using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis;

/// <summary>
/// Judges each tick from a traffic-window source (Envoy stats, Prometheus): the static checks, then, if enabled,
/// the baseline-relative judge (error counts and latency, canary vs primary). Rolls back now on a significant
/// regression; promotes early only when allowed and the judge is confident the canary is no worse.
/// Apart from the source everything is pure: the state travels in AnalysisContext.State / AnalysisVerdict.State
/// (and is also kept here for an engine that does not persist it).
/// </summary>
internal sealed class MetricsCanaryAnalysis(ITrafficWindowSource source) : ICanaryAnalysis
{
    public const string ErrorJudgeCheck = "error-rate-vs-primary";
    public const string LatencyJudgeCheck = "latency-vs-primary";

    /// <summary>Share of JudgeSpec.Alpha spent on the latency test; the rest goes to the error-count test.</summary>
    public const double LatencyAlphaShare = 0.1;

    private AnalysisState? last;

    public async Task<AnalysisVerdict> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        TrafficWindow? window = null;
        string? problem = null;
        try
        {
            window = await source.NextWindowAsync(context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problem = $"metrics unavailable: {e.Message}";
        }

        var verdict = Judge(context.Spec, context.State ?? last ?? AnalysisState.Initial, window, problem);
        last = verdict.State;
        return verdict;
    }

    /// <summary>One tick's judgment from the window (null: no data, for the reason given).</summary>
    internal static AnalysisVerdict Judge(RolloutSpec spec, AnalysisState state, TrafficWindow? window, string? noDataReason = null)
    {
        var analysis = spec.Analysis;
        var checks = new List<CheckResult>(StaticChecks.Evaluate(window?.Canary, analysis, noDataReason));
        var judge = analysis.Judge;
        if (!judge.Enabled)
        {
            return new AnalysisVerdict(VerdictKind.Continue, checks) { State = state with { Ticks = state.Ticks + 1 } };
        }

        var errorJudge = new SequentialCountJudge(judge.Alpha * (1 - LatencyAlphaShare), judge.MinErrorRatio);
        var latencyJudge = new LatencyJudge(judge.Alpha * LatencyAlphaShare, judge.MinLatencyEffect.TotalMilliseconds);
        var errorState = state.Errors ?? errorJudge.Start();
        var latencyState = state.Latency ?? LatencyJudgeState.Initial;
        ErrorJudgement? errors = null;
        LatencyJudgement? latency = null;
        if (window is not null)
        {
            errorState = errorJudge.Observe(errorState, window.Canary.Requests, window.Canary.Errors5xx, window.Primary.Requests, window.Primary.Errors5xx);
            errors = errorJudge.Judge(errorState);
            if (window.Canary.Latency.SameBounds(window.Primary.Latency))
            {
                (latencyState, latency) = latencyJudge.Observe(latencyState, window.Canary.Latency, window.Primary.Latency);
            }
        }

        checks.Add(JudgeChecks.Errors(errors, errorState, window, noDataReason));
        checks.Add(JudgeChecks.Latency(latency, judge.MinLatencyEffect, noDataReason));

        var kind = VerdictKind.Continue;
        if (errors?.Worse == true || latency?.Regression == true)
        {
            kind = VerdictKind.RollbackNow;
        }
        else if (judge.PromoteEarly && errors?.NoWorse == true && latency?.NoWorse == true && !checks.Any(c => c.Outcome == CheckOutcome.Fail))
        {
            kind = VerdictKind.PromoteNow;
        }

        return new AnalysisVerdict(kind, checks) { State = new AnalysisState(state.Ticks + 1, errorState, latencyState) };
    }
}
