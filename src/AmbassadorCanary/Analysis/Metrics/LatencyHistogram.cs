namespace AmbassadorCanary.Analysis.Metrics;

/// <summary>
/// Latency counts per bucket, in milliseconds. Bucket i holds observations in (Bounds[i-1], Bounds[i]];
/// the last bucket (index Bounds.Count) is (Bounds[^1], +Inf). Counts are per bucket, not cumulative.
/// </summary>
public sealed record LatencyHistogram
{
    /// <summary>Envoy's default histogram bucket bounds, in ms (its supported_stats_buckets default).</summary>
    public static readonly IReadOnlyList<double> EnvoyDefaultBounds =
    [
        0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
    ];

    public LatencyHistogram(IReadOnlyList<double> bounds, IReadOnlyList<long> counts)
    {
        if (counts.Count != bounds.Count + 1)
        {
            throw new ArgumentException($"histogram: {counts.Count} counts for {bounds.Count} bounds; expected one more count than bounds (+Inf bucket)", nameof(counts));
        }

        for (var i = 1; i < bounds.Count; i++)
        {
            if (!(bounds[i] > bounds[i - 1]))
            {
                throw new ArgumentException($"histogram: bounds must increase strictly, got {bounds[i - 1]} then {bounds[i]}", nameof(bounds));
            }
        }

        Bounds = bounds;
        Counts = counts;
    }

    public IReadOnlyList<double> Bounds { get; }

    public IReadOnlyList<long> Counts { get; }

    public long Total => Counts.Sum();

    public static LatencyHistogram Empty(IReadOnlyList<double> bounds) => new(bounds, new long[bounds.Count + 1]);

    /// <summary>Builds from Prometheus-style cumulative counts (le buckets), the last one being +Inf.</summary>
    public static LatencyHistogram FromCumulative(IReadOnlyList<double> bounds, IReadOnlyList<long> cumulative)
    {
        var counts = new long[cumulative.Count];
        for (var i = 0; i < cumulative.Count; i++)
        {
            counts[i] = Math.Max(0, cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]));
        }

        return new LatencyHistogram(bounds, counts);
    }

    public bool SameBounds(LatencyHistogram other) => Bounds.SequenceEqual(other.Bounds);

    public LatencyHistogram Add(LatencyHistogram other)
    {
        if (!SameBounds(other))
        {
            throw new ArgumentException("histogram: cannot add histograms with different bucket bounds", nameof(other));
        }

        return new LatencyHistogram(Bounds, Counts.Zip(other.Counts, (a, b) => a + b).ToArray());
    }

    /// <summary>
    /// The q-quantile in ms, interpolated linearly within its bucket as Prometheus' histogram_quantile does:
    /// the first bucket starts at 0, and a rank in the +Inf bucket yields the highest finite bound. Null when empty.
    /// </summary>
    public double? Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        var total = Total;
        if (total == 0)
        {
            return null;
        }

        var rank = q * total;
        long below = 0;
        for (var i = 0; i < Counts.Count; i++)
        {
            var inBucket = Counts[i];
            if (below + inBucket >= rank && inBucket > 0)
            {
                if (i == Bounds.Count)
                {
                    return Bounds.Count == 0 ? null : Bounds[^1];
                }

                var upper = Bounds[i];
                var lower = i == 0 ? 0 : Bounds[i - 1];
                if (i == 0 && upper <= 0)
                {
                    return upper;
                }

                return lower + ((upper - lower) * (rank - below) / inBucket);
            }

            below += inBucket;
        }

        return Bounds.Count == 0 ? null : Bounds[^1];
    }
}
