using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>The static floor, judged on the canary's traffic of one tick: success rate and p99 against fixed thresholds.</summary>
internal static class StaticChecks
{
    public const string SuccessRate = "success-rate";
    public const string LatencyP99 = "latency-p99";

    public static IReadOnlyList<CheckResult> Evaluate(TrafficSample? canary, AnalysisSpec spec, string? noDataReason = null)
    {
        var successThreshold = $">= {spec.MinSuccessRate:0.###} %";
        var latencyThreshold = $"<= {spec.MaxLatencyP99.TotalMilliseconds:0.###} ms";
        if (canary is null || canary.Requests < spec.MinRequests)
        {
            var why = canary is null
                ? noDataReason ?? "no metrics window yet"
                : $"{canary.Requests} canary requests, fewer than the {spec.MinRequests} needed";
            return
            [
                new CheckResult(SuccessRate, CheckOutcome.NoData, null, successThreshold, why),
                new CheckResult(LatencyP99, CheckOutcome.NoData, null, latencyThreshold, why),
            ];
        }

        var rate = canary.SuccessRatePercent!.Value;
        var success = new CheckResult(
            SuccessRate,
            rate >= spec.MinSuccessRate ? CheckOutcome.Pass : CheckOutcome.Fail,
            Math.Round(rate, 3),
            successThreshold,
            $"{canary.Errors5xx} 5xx of {canary.Requests} requests");

        var p99 = canary.Latency.Quantile(0.99);
        var latency = p99 is null
            ? new CheckResult(LatencyP99, CheckOutcome.NoData, null, latencyThreshold, "no latency histogram for the canary")
            : new CheckResult(
                LatencyP99,
                p99.Value <= spec.MaxLatencyP99.TotalMilliseconds ? CheckOutcome.Pass : CheckOutcome.Fail,
                Math.Round(p99.Value, 3),
                latencyThreshold,
                $"{canary.Latency.Total} timed requests");
        return [success, latency];
    }
}
