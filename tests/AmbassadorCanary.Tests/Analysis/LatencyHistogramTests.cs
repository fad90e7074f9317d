using AmbassadorCanary.Analysis.Metrics;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Bounds = [10, 20, 50];

    // Per-bucket counts 5, 10, 5 in (0,10], (10,20], (20,50]; none above 50. Expected values by hand, as
    // Prometheus' histogram_quantile computes them: lower + width * (rank - below) / in-bucket, rank = q * total.
    [TestCase(0.5, 15.0)] // rank 10: 10 + 10 * (10 - 5) / 10
    [TestCase(0.99, 48.8)] // rank 19.8: 20 + 30 * (19.8 - 15) / 5
    [TestCase(0.1, 4.0)] // rank 2: 0 + 10 * 2 / 5
    [TestCase(0.75, 20.0)] // rank 15 ends bucket 2 exactly
    public void Quantile_interpolates_linearly_within_the_bucket(double q, double expected)
    {
        var histogram = new LatencyHistogram(Bounds, [5, 10, 5, 0]);

        Assert.That(histogram.Quantile(q), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Quantile_in_the_inf_bucket_is_the_highest_finite_bound()
    {
        var histogram = new LatencyHistogram(Bounds, [1, 0, 0, 4]);

        Assert.That(histogram.Quantile(0.99), Is.EqualTo(50));
        Assert.That(histogram.Quantile(0.1), Is.EqualTo(5).Within(1e-9));
    }

    [Test]
    public void Empty_histogram_has_no_quantile()
    {
        Assert.That(LatencyHistogram.Empty(Bounds).Quantile(0.99), Is.Null);
    }

    [Test]
    public void From_cumulative_le_buckets_gives_per_bucket_counts()
    {
        var histogram = LatencyHistogram.FromCumulative(Bounds, [5, 15, 20, 21]);

        Assert.That(histogram.Counts, Is.EqualTo(new long[] { 5, 10, 5, 1 }));
        Assert.That(histogram.Total, Is.EqualTo(21));
    }

    [Test]
    public void Bounds_must_increase_and_match_the_counts()
    {
        Assert.Throws<ArgumentException>(() => _ = new LatencyHistogram([10, 5], [1, 1, 1]));
        Assert.Throws<ArgumentException>(() => _ = new LatencyHistogram([10, 20], [1, 1]));
    }
}
