using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Analysis.Metrics;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class LatencyJudgeTests
{
    private static readonly double[] Bounds = [50, 100, 150, 200];

    [Test]
    public void Alpha_is_spent_as_alpha_over_k_times_k_plus_one()
    {
        var judge = new LatencyJudge(0.001, 10);
        var state = LatencyJudgeState.Initial;
        var spent = new List<double>();
        for (var look = 0; look < 4; look++)
        {
            (state, var judgement) = judge.Observe(state, H(10, 10, 10, 0, 0), H(10, 10, 10, 0, 0));
            spent.Add(judgement.AlphaThisLook);
        }

        Assert.That(spent, Is.EqualTo(new[] { 0.001 / 2, 0.001 / 6, 0.001 / 12, 0.001 / 20 }).Within(1e-15));
        Assert.That(state.Looks, Is.EqualTo(4));
        Assert.That(state.Canary, Is.EqualTo(new long[] { 40, 40, 40, 0, 0 }));
    }

    [Test]
    public void A_clear_shift_above_the_minimum_effect_is_a_regression()
    {
        var judge = new LatencyJudge(0.001, 10);

        var (_, judgement) = judge.Observe(LatencyJudgeState.Initial, H(100, 400, 400, 100, 0), H(400, 400, 100, 100, 0));

        Assert.That(judgement.Test!.PGreater, Is.LessThan(1e-20));
        Assert.That(judgement.ShiftMs, Is.GreaterThan(10));
        Assert.That(judgement.Regression, Is.True);
    }

    [Test]
    public void A_significant_but_small_shift_is_ignored()
    {
        // Same buckets, just a small tilt: significant with many samples, but the shift estimate is below 30 ms.
        var judge = new LatencyJudge(0.001, 30);

        var (_, judgement) = judge.Observe(LatencyJudgeState.Initial, H(4600, 5400, 0, 0, 0), H(5400, 4600, 0, 0, 0));

        Assert.That(judgement.Test!.PGreater, Is.LessThan(judgement.AlphaThisLook));
        Assert.That(judgement.ShiftMs, Is.LessThan(30));
        Assert.That(judgement.Regression, Is.False);
    }

    [Test]
    public void Too_few_samples_is_no_test_and_no_look()
    {
        var (state, judgement) = new LatencyJudge(0.001, 10).Observe(LatencyJudgeState.Initial, H(5, 5, 0, 0, 0), H(100, 0, 0, 0, 0));

        Assert.That(judgement.Test, Is.Null);
        Assert.That(state.Looks, Is.Zero);
    }

    [Test]
    public void Hodges_Lehmann_on_histograms_recovers_a_bucket_wide_shift()
    {
        // Uniform over (0, 50] vs uniform over (50, 100]: every pairwise difference averages 50 ms.
        var shift = HodgesLehmann.Shift(H(0, 1000, 0, 0, 0), H(1000, 0, 0, 0, 0));

        Assert.That(shift, Is.EqualTo(50).Within(1e-9));
    }

    private static LatencyHistogram H(params long[] counts) => new(Bounds, counts);
}
