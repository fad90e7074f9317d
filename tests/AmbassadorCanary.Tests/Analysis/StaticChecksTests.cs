using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class StaticChecksTests
{
    private static readonly AnalysisSpec Spec = new() { MinSuccessRate = 99, MaxLatencyP99 = TimeSpan.FromMilliseconds(500), MinRequests = 20 };

    [Test]
    public void Passes_and_fails_with_value_and_threshold()
    {
        // 2 of 100 failed: 98 % < 99 %. p99: rank 99 of 100 lands in (250, 500] at 250 + 250 * (99 - 50) / 50 = 495 ms.
        var canary = new TrafficSample(100, 2, Histogram(50, 50, 0));

        var checks = StaticChecks.Evaluate(canary, Spec);

        Assert.That(checks[0], Is.EqualTo(new CheckResult("success-rate", CheckOutcome.Fail, 98, ">= 99 %", "2 5xx of 100 requests")));
        Assert.That(checks[1].Outcome, Is.EqualTo(CheckOutcome.Pass));
        Assert.That(checks[1].Value, Is.EqualTo(495));
        Assert.That(checks[1].Threshold, Is.EqualTo("<= 500 ms"));
    }

    [Test]
    public void Slow_canary_fails_the_latency_check()
    {
        var checks = StaticChecks.Evaluate(new TrafficSample(100, 0, Histogram(10, 10, 80)), Spec);

        Assert.That(checks[0].Outcome, Is.EqualTo(CheckOutcome.Pass));
        Assert.That(checks[1].Outcome, Is.EqualTo(CheckOutcome.Fail));
    }

    [Test]
    public void Too_few_requests_or_no_window_is_no_data()
    {
        var few = StaticChecks.Evaluate(new TrafficSample(19, 0, Histogram(19, 0, 0)), Spec);
        var none = StaticChecks.Evaluate(null, Spec, "metrics unavailable: boom");

        Assert.That(few.Select(c => c.Outcome), Is.All.EqualTo(CheckOutcome.NoData));
        Assert.That(few[0].Detail, Does.Contain("19 canary requests"));
        Assert.That(none.Select(c => c.Outcome), Is.All.EqualTo(CheckOutcome.NoData));
        Assert.That(none[0].Detail, Is.EqualTo("metrics unavailable: boom"));
    }

    // Counts in (100, 250], (250, 500] and (500, 1000] ms of Envoy's buckets.
    internal static LatencyHistogram Histogram(long upTo250, long upTo500, long upTo1000)
    {
        var bounds = LatencyHistogram.EnvoyDefaultBounds;
        var counts = new long[bounds.Count + 1];
        counts[7] = upTo250;
        counts[8] = upTo500;
        counts[9] = upTo1000;
        return new LatencyHistogram(bounds, counts);
    }
}
