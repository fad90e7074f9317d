using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Bench.DecisionQuality;

/// <summary>Our judge exactly as the tool runs it (MetricsCanaryAnalysis.Judge), looking every 10 s tick.</summary>
internal static class OurJudge
{
    public static TimeSpan? FirstRollback(SimulatedTick[] ticks, RolloutSpec spec)
    {
        var state = AnalysisState.Initial;
        var start = DateTimeOffset.UnixEpoch;
        for (var t = 0; t < ticks.Length; t++)
        {
            var window = new TrafficWindow(ticks[t].Canary, ticks[t].Primary, start + (TrafficCase.Tick * t), start + (TrafficCase.Tick * (t + 1)));
            var verdict = MetricsCanaryAnalysis.Judge(spec, state, window);
            if (verdict.Kind == VerdictKind.RollbackNow)
            {
                return TrafficCase.Tick * (t + 1);
            }

            state = verdict.State!;
        }

        return null;
    }
}

/// <summary>The canary's success rate and p99 over one minute, what a Flagger-style static rule looks at.</summary>
internal readonly record struct MinuteCheck(double SuccessPercent, double P99Ms);

/// <summary>
/// Flagger's rule: each minute, fail the check if the canary's success rate is below the threshold or its p99 above
/// the latency limit; roll back when the failed checks reach the count.
/// </summary>
internal sealed record StaticRule(double MinSuccessPercent, int FailedChecksToRollback, double MaxP99Ms = 500)
{
    public const int TicksPerMinute = 6;

    public static MinuteCheck[] Minutes(SimulatedTick[] ticks)
    {
        var minutes = new MinuteCheck[ticks.Length / TicksPerMinute];
        for (var m = 0; m < minutes.Length; m++)
        {
            var slice = ticks.Skip(m * TicksPerMinute).Take(TicksPerMinute).Select(t => t.Canary).ToList();
            var requests = slice.Sum(s => s.Requests);
            var errors = slice.Sum(s => s.Errors5xx);
            var latency = slice.Select(s => s.Latency).Aggregate((a, b) => a.Add(b));
            minutes[m] = new MinuteCheck(requests == 0 ? 100 : 100.0 * (requests - errors) / requests, latency.Quantile(0.99) ?? 0);
        }

        return minutes;
    }

    public TimeSpan? FirstRollback(MinuteCheck[] minutes)
    {
        var failed = 0;
        for (var m = 0; m < minutes.Length; m++)
        {
            if (minutes[m].SuccessPercent < MinSuccessPercent || minutes[m].P99Ms > MaxP99Ms)
            {
                failed++;
                if (failed >= FailedChecksToRollback)
                {
                    return TimeSpan.FromMinutes(m + 1);
                }
            }
        }

        return null;
    }
}

/// <summary>
/// The oracle: Wald's SPRT that knows both true distributions (it is told the regression it looks for), on the
/// canary's own counts only, looking every 10 s, rejecting at log(1/alpha). No baseline needs estimating, so no
/// test can be faster on average at the same alpha: the physical limit.
/// </summary>
internal sealed class OracleSprt(double alpha, double errorRateH0, double errorRateH1, double[] latencyH0, double[] latencyH1)
{
    private readonly double threshold = Math.Log(1 / alpha);

    /// <summary>Wald's approximation of the expected time to detect the error regression: log(1/alpha) / (rps * KL).</summary>
    public static TimeSpan ExpectedErrorDetection(double alpha, double canaryRps, double p0, double p1)
    {
        var kl = (p1 * Math.Log(p1 / p0)) + ((1 - p1) * Math.Log((1 - p1) / (1 - p0)));
        return TimeSpan.FromSeconds(Math.Log(1 / alpha) / (canaryRps * kl));
    }

    public TimeSpan? FirstErrorRollback(SimulatedTick[] ticks)
    {
        double llr = 0;
        double fail = Math.Log(errorRateH1 / errorRateH0), pass = Math.Log((1 - errorRateH1) / (1 - errorRateH0));
        for (var t = 0; t < ticks.Length; t++)
        {
            var c = ticks[t].Canary;
            llr += (c.Errors5xx * fail) + ((c.Requests - c.Errors5xx) * pass);
            if (llr >= threshold)
            {
                return TrafficCase.Tick * (t + 1);
            }
        }

        return null;
    }

    public TimeSpan? FirstLatencyRollback(SimulatedTick[] ticks)
    {
        double llr = 0;
        for (var t = 0; t < ticks.Length; t++)
        {
            var counts = ticks[t].Canary.Latency.Counts;
            for (var b = 0; b < counts.Count; b++)
            {
                if (counts[b] > 0)
                {
                    llr += counts[b] * Math.Log(Math.Max(latencyH1[b], 1e-300) / Math.Max(latencyH0[b], 1e-300));
                }
            }

            if (llr >= threshold)
            {
                return TrafficCase.Tick * (t + 1);
            }
        }

        return null;
    }
}
