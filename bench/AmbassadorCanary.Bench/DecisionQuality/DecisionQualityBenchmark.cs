using System.Diagnostics;
using System.Globalization;
using System.Text;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Bench.DecisionQuality;

/// <summary>
/// Runs the same simulated rollouts through our judge, Flagger's default static rule, that rule re-tuned to our
/// false-rollback rate, and the oracle SPRT; prints a markdown table. Deterministic for a given seed.
/// </summary>
internal static class DecisionQualityBenchmark
{
    private const double Alpha = 0.01;

    public static string Run(int rollouts, int seed)
    {
        var clock = Stopwatch.StartNew();
        var spec = Spec();
        TrafficCase[] cases =
        [
            new("A/A", TrafficCase.BaselineErrorRate, 1.0),
            new("2x errors", 2 * TrafficCase.BaselineErrorRate, 1.0),
            new("+30 % latency", TrafficCase.BaselineErrorRate, 1.3),
            new("1.5x errors", 1.5 * TrafficCase.BaselineErrorRate, 1.0),
            new("3x errors", 3 * TrafficCase.BaselineErrorRate, 1.0),
        ];
        var oracle = new OracleSprt(Alpha, TrafficCase.BaselineErrorRate, 2 * TrafficCase.BaselineErrorRate, TrafficModel.BucketProbabilities(1.0), TrafficModel.BucketProbabilities(1.3));
        var results = cases.Select((c, i) => Simulate(c, i, rollouts, seed, spec, oracle)).ToArray();
        var (aa, errors, latency) = (results[0], results[1], results[2]);

        var flagger = new StaticRule(99, 5);
        var ours = Rate(aa.Ours);
        // Tuned on separate rollouts (other random streams), so the static rule's rates below are out of sample.
        var tuned = Tune(Simulate(cases[0], 100, rollouts, seed, null, null), Simulate(cases[1], 101, rollouts, seed, null, null), ours);

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Decision quality: {rollouts} rollouts per case, seed {seed}. 10-minute analysis, canary weight {TrafficCase.CanaryShare:P0}, {TrafficCase.TotalRps} rps in total, baseline 5xx {TrafficCase.BaselineErrorRate:P0}, latency log-normal (median {TrafficCase.LatencyMedianMs} ms, sigma {TrafficCase.LatencySigma}).");
        table.AppendLine();
        table.AppendLine("| rule | looks | (a) A/A: false rollbacks | (b) 2x errors: detected | (b) median time to detect | (c) +30 % latency: detected | (c) median time to detect |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        Row(table, "our judge (alpha 1 %)", "every 10 s", aa.Ours, errors.Ours, latency.Ours);
        Row(table, "Flagger default: success >= 99 %, p99 <= 500 ms, 5 failed checks", "every minute", Apply(aa, flagger), Apply(errors, flagger), Apply(latency, flagger));
        Row(table, $"static re-tuned: success >= {tuned.MinSuccessPercent:0.0} %, p99 <= 500 ms, {tuned.FailedChecksToRollback} failed checks", "every minute", Apply(aa, tuned), Apply(errors, tuned), Apply(latency, tuned));
        Row(table, "oracle SPRT (knows the true rates)", "every 10 s", aa.OracleErrors, errors.OracleErrors, latency.OracleLatency);
        table.AppendLine();
        table.AppendLine("Sensitivity (same seed), share detected and median time to detect:");
        table.AppendLine();
        table.AppendLine("| rule | 1.5x errors | 3x errors |");
        table.AppendLine("|---|---|---|");
        table.AppendLine(CultureInfo.InvariantCulture, $"| our judge | {Rate(results[3].Ours):P1}, {Median(results[3].Ours)} | {Rate(results[4].Ours):P1}, {Median(results[4].Ours)} |");
        table.AppendLine(CultureInfo.InvariantCulture, $"| Flagger default | {Rate(Apply(results[3], flagger)):P1}, {Median(Apply(results[3], flagger))} | {Rate(Apply(results[4], flagger)):P1}, {Median(Apply(results[4], flagger))} |");
        table.AppendLine(CultureInfo.InvariantCulture, $"| static re-tuned | {Rate(Apply(results[3], tuned)):P1}, {Median(Apply(results[3], tuned))} | {Rate(Apply(results[4], tuned)):P1}, {Median(Apply(results[4], tuned))} |");
        table.AppendLine();

        var wald = OracleSprt.ExpectedErrorDetection(Alpha, TrafficCase.TotalRps * TrafficCase.CanaryShare, TrafficCase.BaselineErrorRate, 2 * TrafficCase.BaselineErrorRate);
        table.AppendLine(CultureInfo.InvariantCulture, $"Oracle, Wald's approximation of the expected time to detect 2x errors: {wald.TotalMinutes:0.00} min (simulated mean {Mean(errors.OracleErrors)}).");
        table.AppendLine("Median time to detect is over all rollouts, an undetected one counting as never; 'never' when fewer than half were detected.");
        table.AppendLine(CultureInfo.InvariantCulture, $"The re-tuned rule is the threshold (95.0-99.5 %, step 0.1) and count (1-10) with the most 2x-error detections among those whose A/A false-rollback rate is at most ours ({ours:P1}), tuned on a separate set of A/A and 2x-error rollouts of the same size (other random streams), so its rates in the table are out of sample.");
        table.AppendLine();
        Targets(table, aa, errors, tuned);
        table.AppendLine(CultureInfo.InvariantCulture, $"Ran in {clock.Elapsed.TotalSeconds:0} s on {Environment.ProcessorCount} cores.");
        return table.ToString();
    }

    private static void Targets(StringBuilder table, CaseResult aa, CaseResult errors, StaticRule tuned)
    {
        var falseRate = Rate(aa.Ours);
        var detected = Rate(errors.Ours);
        var ours = MedianSeconds(errors.Ours);
        var oracle = MedianSeconds(errors.OracleErrors);
        var retuned = MedianSeconds(Apply(errors, tuned));
        table.AppendLine("Targets for our judge:");
        table.AppendLine(CultureInfo.InvariantCulture, $"- false rollbacks <= 1 %: {Verdict(falseRate <= 0.01)} ({falseRate:P1})");
        table.AppendLine(CultureInfo.InvariantCulture, $"- 2x errors detected >= 95 %: {Verdict(detected >= 0.95)} ({detected:P1}; the oracle detects {Rate(errors.OracleErrors):P1})");
        table.AppendLine(CultureInfo.InvariantCulture, $"- median <= 1.3x the oracle's: {Verdict(ours <= 1.3 * oracle)} ({ours / oracle:0.00}x the simulated oracle median; {ours / OracleSprt.ExpectedErrorDetection(Alpha, TrafficCase.TotalRps * TrafficCase.CanaryShare, TrafficCase.BaselineErrorRate, 2 * TrafficCase.BaselineErrorRate).TotalSeconds:0.00}x Wald's expected time)");
        table.AppendLine(CultureInfo.InvariantCulture, $"- faster than the re-tuned static rule: {Verdict(ours < retuned)} ({Median(errors.Ours)} vs {Median(Apply(errors, tuned))})");
        table.AppendLine();
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private sealed record CaseResult(TimeSpan?[] Ours, TimeSpan?[] OracleErrors, TimeSpan?[] OracleLatency, MinuteCheck[][] Minutes);

    // Without a spec and oracle only the minute checks of the static rules are computed (for tuning).
    private static CaseResult Simulate(TrafficCase traffic, int caseIndex, int rollouts, int seed, RolloutSpec? spec, OracleSprt? oracle)
    {
        var ours = new TimeSpan?[rollouts];
        var oracleErrors = new TimeSpan?[rollouts];
        var oracleLatency = new TimeSpan?[rollouts];
        var minutes = new MinuteCheck[rollouts][];
        Parallel.For(0, rollouts, i =>
        {
            var random = new Random(RolloutSeed(seed, caseIndex, i));
            var ticks = TrafficModel.Rollout(traffic, random);
            ours[i] = spec is null ? null : OurJudge.FirstRollback(ticks, spec);
            oracleErrors[i] = oracle?.FirstErrorRollback(ticks);
            oracleLatency[i] = oracle?.FirstLatencyRollback(ticks);
            minutes[i] = StaticRule.Minutes(ticks);
        });
        return new CaseResult(ours, oracleErrors, oracleLatency, minutes);
    }

    private static StaticRule Tune(CaseResult aa, CaseResult errors, double maxFalseRate)
    {
        StaticRule? best = null;
        (double Detected, double Median) bestScore = (-1, double.PositiveInfinity);
        for (var tenths = 950; tenths <= 995; tenths++)
        {
            for (var count = 1; count <= 10; count++)
            {
                var rule = new StaticRule(tenths / 10.0, count);
                if (Rate(Apply(aa, rule)) > maxFalseRate)
                {
                    continue;
                }

                var detections = Apply(errors, rule);
                var score = (Rate(detections), MedianSeconds(detections));
                if (score.Item1 > bestScore.Detected || (score.Item1 == bestScore.Detected && score.Item2 < bestScore.Median))
                {
                    (best, bestScore) = (rule, score);
                }
            }
        }

        return best ?? new StaticRule(95, 10);
    }

    private static TimeSpan?[] Apply(CaseResult result, StaticRule rule) => result.Minutes.Select(rule.FirstRollback).ToArray();

    private static double Rate(TimeSpan?[] times) => times.Count(t => t is not null) / (double)times.Length;

    private static double MedianSeconds(TimeSpan?[] times)
    {
        var sorted = times.Select(t => t?.TotalSeconds ?? double.PositiveInfinity).Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static string Median(TimeSpan?[] times)
    {
        var seconds = MedianSeconds(times);
        return double.IsPositiveInfinity(seconds) ? "never" : $"{seconds / 60:0.00} min";
    }

    private static string Mean(TimeSpan?[] times)
    {
        var detected = times.Where(t => t is not null).Select(t => t!.Value.TotalSeconds).ToArray();
        return detected.Length == 0 ? "n/a" : $"{detected.Average() / 60:0.00} min over the detected";
    }

    private static void Row(StringBuilder table, string rule, string looks, TimeSpan?[] aa, TimeSpan?[] errors, TimeSpan?[] latency) =>
        table.AppendLine(CultureInfo.InvariantCulture, $"| {rule} | {looks} | {Rate(aa):P1} | {Rate(errors):P1} | {Median(errors)} | {Rate(latency):P1} | {Median(latency)} |");

    private static int RolloutSeed(int seed, int caseIndex, int rollout)
    {
        // SplitMix64 finaliser: independent, reproducible streams per (seed, case, rollout).
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + ((ulong)caseIndex << 32) + (ulong)rollout);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    // The tool's defaults; the judge looks every tick (10 s here).
    private static RolloutSpec Spec() => new()
    {
        Target = new TargetSpec { Namespace = "bench", Deployment = "web", Images = new Dictionary<string, string> { ["web"] = "web:2" } },
        Route = new RouteSpec { Mapping = "web" },
        Steps = [new WeightStep(10)],
        Interval = TrafficCase.Tick,
        Analysis = new AnalysisSpec { Judge = new JudgeSpec { Alpha = Alpha } },
    };
}
