using AmbassadorCanary.Analysis.Judgment;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class SequentialCountJudgeTests
{
    // (canary requests, canary 5xx, primary requests, primary 5xx) per tick; the split varies from tick to tick.
    private static readonly (long Nc, long C, long Np, long S)[] Ticks = [(100, 3, 900, 10), (200, 5, 800, 9), (150, 0, 850, 4)];

    [Test]
    public void Single_ratio_e_value_equals_the_exact_binomial_likelihood_ratio()
    {
        var judge = new SequentialCountJudge(0.01, [2.0], [0.8], 1.5);

        var state = Feed(judge, Ticks);

        // Independent route: product over ticks of Binom(c; c+s, q) / Binom(c; c+s, p0), q = r p0 / (r p0 + 1 - p0),
        // with the pmf from log-gamma. Python (math.lgamma) gives 3.3022218916499826 for the same inputs.
        var expected = Math.Exp(Ticks.Sum(t => LogBinomialRatio(t, 2.0, 1.0)));
        var judgement = judge.Judge(state);
        Assert.That(judgement.EValueWorse, Is.EqualTo(expected).Within(expected * 1e-10));
        Assert.That(judgement.EValueWorse, Is.EqualTo(3.3022218916499826).Within(1e-9));
        Assert.That(judgement.Worse, Is.False);
    }

    [Test]
    public void Mixture_e_value_is_the_mean_of_the_components()
    {
        var judge = new SequentialCountJudge(0.01, [1.5, 3.0], [0.8], 1.5);

        var e = judge.Judge(Feed(judge, Ticks)).EValueWorse;

        var expected = (Math.Exp(Ticks.Sum(t => LogBinomialRatio(t, 1.5, 1.0))) + Math.Exp(Ticks.Sum(t => LogBinomialRatio(t, 3.0, 1.0)))) / 2;
        Assert.That(e, Is.EqualTo(expected).Within(expected * 1e-10));
        Assert.That(e, Is.EqualTo(2.306099849394574).Within(1e-9));
    }

    [Test]
    public void No_worse_side_is_the_likelihood_ratio_against_the_margin()
    {
        var judge = new SequentialCountJudge(0.01, [2.0], [0.8], 1.5);

        var e = judge.Judge(Feed(judge, Ticks)).EValueNoWorse;

        var expected = Math.Exp(Ticks.Sum(t => LogBinomialRatio(t, 0.8, 1.5)));
        Assert.That(e, Is.EqualTo(expected).Within(expected * 1e-10));
        Assert.That(e, Is.EqualTo(0.1628392063360893).Within(1e-9));
    }

    [Test]
    public void Rejects_once_the_e_value_reaches_one_over_alpha()
    {
        var judge = new SequentialCountJudge(0.01, [3.0], [0.8], 1.5);
        var state = judge.Start();
        var ticks = 0;
        while (!judge.Judge(state).Worse && ticks < 100)
        {
            // Canary has 10 % of requests but a third of the errors: ratio 4.5.
            state = judge.Observe(state, 100, 2, 900, 4);
            ticks++;
        }

        // Each tick multiplies by 3^2 / (3*0.1 + 0.9)^6 = 9 / 1.2^6 = 3.0141; 3.0141^4 = 82.5 < 100 <= 3.0141^5 = 248.8.
        Assert.That(ticks, Is.EqualTo(5));
        Assert.That(judge.Judge(state).EValueWorse, Is.EqualTo(Math.Pow(9 / Math.Pow(1.2, 6), 5)).Within(1e-6));
    }

    [Test]
    public void Ticks_without_requests_on_a_side_carry_no_evidence()
    {
        var judge = new SequentialCountJudge(0.01, 2.0);
        var state = judge.Observe(judge.Start(), 0, 3, 100, 1);
        state = judge.Observe(state, 100, 5, 0, 0);

        Assert.That(judge.Judge(state).EValueWorse, Is.EqualTo(1).Within(1e-12));
        Assert.That(state.Ticks, Is.EqualTo(2));
        Assert.That(state.CanaryErrors, Is.EqualTo(8));
    }

    [Test]
    public void Under_equal_rates_false_alarms_stay_below_alpha_with_a_look_every_tick()
    {
        var judge = new SequentialCountJudge(0.01, 1.5);
        var random = new Random(20261204);
        var alarms = 0;
        const int Runs = 2000;
        for (var run = 0; run < Runs; run++)
        {
            var state = judge.Start();
            for (var tick = 0; tick < 60 && !judge.Judge(state).Worse; tick++)
            {
                var nc = Poisson(random, 50);
                var np = Poisson(random, 450);
                state = judge.Observe(state, nc, Poisson(random, nc * 0.01), np, Poisson(random, np * 0.01));
            }

            alarms += judge.Judge(state).Worse ? 1 : 0;
        }

        // Ville's inequality bounds this by alpha = 1 %; 2000 runs make a true 1 % rate land above 1.5 % rarely.
        Assert.That(alarms, Is.LessThan(Runs * 0.015));
    }

    [Test]
    public void A_tripled_canary_error_rate_is_caught()
    {
        var judge = new SequentialCountJudge(0.01, 1.5);
        var random = new Random(7);
        var caught = 0;
        for (var run = 0; run < 200; run++)
        {
            var state = judge.Start();
            for (var tick = 0; tick < 60 && !judge.Judge(state).Worse; tick++)
            {
                var nc = Poisson(random, 50);
                var np = Poisson(random, 450);
                state = judge.Observe(state, nc, Poisson(random, nc * 0.03), np, Poisson(random, np * 0.01));
            }

            caught += judge.Judge(state).Worse ? 1 : 0;
        }

        Assert.That(caught, Is.GreaterThanOrEqualTo(195));
    }

    private static SequentialCountJudgeState Feed(SequentialCountJudge judge, IEnumerable<(long Nc, long C, long Np, long S)> ticks) =>
        ticks.Aggregate(judge.Start(), (s, t) => judge.Observe(s, t.Nc, t.C, t.Np, t.S));

    // log of Binom(c; c+s, q(r)) / Binom(c; c+s, q(r0)) where q(r) = r p0 / (r p0 + 1 - p0).
    private static double LogBinomialRatio((long Nc, long C, long Np, long S) t, double r, double r0)
    {
        var p0 = (double)t.Nc / (t.Nc + t.Np);
        double Q(double ratio) => ratio * p0 / ((ratio * p0) + 1 - p0);
        return LogBinomialPmf(t.C, t.C + t.S, Q(r)) - LogBinomialPmf(t.C, t.C + t.S, Q(r0));
    }

    private static double LogBinomialPmf(long k, long n, double p) =>
        LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));

    // Lanczos approximation (g = 7, n = 9).
    private static double LogGamma(double x)
    {
        double[] c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    private static long Poisson(Random random, double mean)
    {
        if (mean > 30)
        {
            return Math.Max(0, (long)Math.Round(mean + (Math.Sqrt(mean) * Gaussian(random))));
        }

        var limit = Math.Exp(-mean);
        long k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }

        return k;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
