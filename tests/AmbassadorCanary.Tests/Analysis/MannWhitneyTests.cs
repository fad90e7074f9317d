using AmbassadorCanary.Analysis.Judgment;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class MannWhitneyTests
{
    // Hollander & Wolfe (1973) p. 69, permeability constants; R's wilcox.test(x, y, alternative = "greater") example:
    // W = 35, exact p = 0.1272. The normal approximation with continuity correction is computed by hand:
    // z = (35 - 25 - 0.5) / sqrt(10 * 5 * 16 / 12) = 1.16351, p = 0.12231.
    private static readonly double[] Chorioamnion = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] Amnion = [1.15, 0.88, 0.90, 0.74, 1.21];

    [Test]
    public void Textbook_example_gives_known_U_and_normal_p()
    {
        var (first, second) = Categorise(Chorioamnion, Amnion);

        var result = MannWhitney.Test(first, second)!;

        Assert.That(result.U, Is.EqualTo(35));
        Assert.That(result.Mean, Is.EqualTo(25));
        Assert.That(result.Z, Is.EqualTo(1.1635076278220096).Within(1e-12));
        Assert.That(result.PGreater, Is.EqualTo(0.12231180256349167).Within(1e-12));
        Assert.That(result.PTwoSided, Is.EqualTo(0.24462360512698333).Within(1e-12));
        // The normal approximation is close to the exact permutation p-value of the textbook.
        Assert.That(result.PGreater, Is.EqualTo(0.1272).Within(0.006));
    }

    [Test]
    public void Ties_use_midranks_and_the_tie_corrected_variance()
    {
        double[] x = [1, 2, 2, 3, 3, 3, 4];
        double[] y = [1, 1, 2, 2, 3];
        var (first, second) = Categorise(x, y);

        var result = MannWhitney.Test(first, second)!;

        var (u, sd) = MidrankReference(x, y);
        Assert.That(result.U, Is.EqualTo(u));
        Assert.That(result.U, Is.EqualTo(25.5));
        Assert.That(result.StdDev, Is.EqualTo(sd).Within(1e-12));
        Assert.That(result.StdDev, Is.EqualTo(5.893627786418861).Within(1e-12));
        Assert.That(result.PGreater, Is.EqualTo(0.10158695879254287).Within(1e-12));
    }

    [Test]
    public void Identical_histograms_are_not_significant_and_shifted_ones_are()
    {
        long[] primary = [10, 200, 900, 600, 200, 50, 5, 0];
        var same = MannWhitney.Test(primary, primary)!;
        var slower = MannWhitney.Test([0, 10, 200, 900, 600, 200, 50, 5], primary)!;

        Assert.That(same.U, Is.EqualTo(same.Mean));
        Assert.That(same.PGreater, Is.GreaterThan(0.45));
        Assert.That(slower.PGreater, Is.LessThan(1e-12));
    }

    [Test]
    public void Everything_tied_gives_no_evidence()
    {
        var result = MannWhitney.Test([0, 7, 0], [0, 3, 0])!;

        Assert.That(result.PGreater, Is.EqualTo(1));
        Assert.That(MannWhitney.Test([0, 0], [1, 2]), Is.Null);
    }

    [TestCase(1.959963984540054, 0.025)]
    [TestCase(5.0, 2.866515718791946e-07)]
    [TestCase(8.5, 9.479534822203355e-18)]
    [TestCase(-1.0, 0.8413447460685429)]
    [TestCase(0.3, 0.3820885778110474)]
    public void Normal_upper_tail_is_accurate_in_the_far_tail(double z, double expected)
    {
        Assert.That(NormalDistribution.UpperTail(z), Is.EqualTo(expected).Within(expected * 1e-12));
    }

    [Test]
    public void Hodges_Lehmann_of_the_textbook_example_is_the_median_pairwise_difference()
    {
        var shift = HodgesLehmann.Shift(
            Chorioamnion.Select(v => (v, 1.0)).ToList(),
            Amnion.Select(v => (v, 1.0)).ToList());

        // R: wilcox.test(x, y, conf.int = TRUE) reports "difference in location 0.305".
        Assert.That(shift, Is.EqualTo(0.305).Within(1e-12));
    }

    // Distinct values in order become categories; equal values share one (ties).
    private static (long[] First, long[] Second) Categorise(double[] x, double[] y)
    {
        var values = x.Concat(y).Distinct().Order().ToList();
        return (values.Select(v => (long)x.Count(a => a == v)).ToArray(), values.Select(v => (long)y.Count(b => b == v)).ToArray());
    }

    // Independent route: U = R1 - n1(n1+1)/2 from midranks; the variance with the textbook tie correction.
    private static (double U, double Sd) MidrankReference(double[] x, double[] y)
    {
        var all = x.Concat(y).Order().ToList();
        double Midrank(double v) => (all.IndexOf(v) + 1 + all.LastIndexOf(v) + 1) / 2.0;
        double n1 = x.Length, n2 = y.Length, n = n1 + n2;
        var u = x.Sum(Midrank) - (n1 * (n1 + 1) / 2);
        var ties = all.GroupBy(v => v).Sum(g => Math.Pow(g.Count(), 3) - g.Count());
        return (u, Math.Sqrt(n1 * n2 / 12 * (n + 1 - (ties / (n * (n - 1))))));
    }
}
