using System.Globalization;
using AmbassadorCanary.Analysis.Metrics;

namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>Renders the judges' conclusions as check results (value, threshold, detail) for the log and the analysis record.</summary>
internal static class JudgeChecks
{
    public static CheckResult Errors(ErrorJudgement? judgement, SequentialCountJudgeState state, TrafficWindow? window, string? noDataReason)
    {
        var threshold = judgement is null ? "e-value below 1/alpha" : $"e-value < {Format(judgement.Threshold)}";
        if (judgement is null || window is null || window.Canary.Requests == 0)
        {
            var why = window is null ? noDataReason ?? "no metrics window yet" : "no canary requests this tick";
            return new CheckResult(MetricsCanaryAnalysis.ErrorJudgeCheck, CheckOutcome.NoData, judgement?.EValueWorse, threshold, why);
        }

        var ratio = judgement.RatioEstimate is { } r ? Format(r) : "n/a";
        var detail = $"canary {state.CanaryErrors} 5xx of {state.CanaryRequests}, primary {state.PrimaryErrors} 5xx of {state.PrimaryRequests}; " +
                     $"error-rate ratio {ratio}; no-worse e-value {Format(judgement.EValueNoWorse)}";
        return new CheckResult(
            MetricsCanaryAnalysis.ErrorJudgeCheck,
            judgement.Worse ? CheckOutcome.Fail : CheckOutcome.Pass,
            Math.Min(judgement.EValueWorse, 1e15),
            threshold,
            detail);
    }

    public static CheckResult Latency(LatencyJudgement? judgement, TimeSpan minEffect, string? noDataReason)
    {
        var minMs = minEffect.TotalMilliseconds;
        if (judgement?.Test is not { } test)
        {
            var why = judgement is null ? noDataReason ?? "no latency histograms" : "too few timed requests on one side";
            return new CheckResult(MetricsCanaryAnalysis.LatencyJudgeCheck, CheckOutcome.NoData, null, $"shift < {Format(minMs)} ms or not significant", why);
        }

        var threshold = $"shift < {Format(minMs)} ms or p > {Format(judgement.AlphaThisLook)}";
        var detail = $"Mann-Whitney U {Format(test.U)} (n {test.N1} vs {test.N2}), z {Format(test.Z)}, one-sided p {Format(test.PGreater)}, look {judgement.Look}";
        return new CheckResult(
            MetricsCanaryAnalysis.LatencyJudgeCheck,
            judgement.Regression ? CheckOutcome.Fail : CheckOutcome.Pass,
            judgement.ShiftMs is { } shift ? Math.Round(shift, 3) : null,
            threshold,
            detail);
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
