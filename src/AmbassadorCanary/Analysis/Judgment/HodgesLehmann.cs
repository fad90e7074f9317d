using AmbassadorCanary.Analysis.Metrics;

namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>
/// Hodges-Lehmann shift estimate: the median of all pairwise differences first − second. From histograms each
/// bucket is spread evenly over its range (represented by PointsPerBucket points); the +Inf bucket sits at the
/// highest finite bound, so a shift into it is underestimated rather than invented.
/// </summary>
internal static class HodgesLehmann
{
    public const int PointsPerBucket = 8;

    public static double? Shift(LatencyHistogram first, LatencyHistogram second) =>
        Shift(Points(first), Points(second));

    /// <summary>Weighted form over (value, weight) points; with unit weights it is the textbook estimate.</summary>
    public static double? Shift(IReadOnlyList<(double Value, double Weight)> first, IReadOnlyList<(double Value, double Weight)> second)
    {
        var pairs = new List<(double Diff, double Weight)>(first.Count * second.Count);
        foreach (var a in first)
        {
            foreach (var b in second)
            {
                if (a.Weight > 0 && b.Weight > 0)
                {
                    pairs.Add((a.Value - b.Value, a.Weight * b.Weight));
                }
            }
        }

        if (pairs.Count == 0)
        {
            return null;
        }

        pairs.Sort((x, y) => x.Diff.CompareTo(y.Diff));
        var half = pairs.Sum(p => p.Weight) / 2;
        double cumulative = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            cumulative += pairs[i].Weight;
            if (Math.Abs(cumulative - half) <= 1e-9 * half && i + 1 < pairs.Count)
            {
                return (pairs[i].Diff + pairs[i + 1].Diff) / 2;
            }

            if (cumulative > half)
            {
                return pairs[i].Diff;
            }
        }

        return pairs[^1].Diff;
    }

    private static List<(double Value, double Weight)> Points(LatencyHistogram histogram)
    {
        var points = new List<(double, double)>();
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            var count = histogram.Counts[i];
            if (count <= 0)
            {
                continue;
            }

            if (i == histogram.Bounds.Count)
            {
                points.Add((histogram.Bounds.Count == 0 ? 0 : histogram.Bounds[^1], count));
                continue;
            }

            var lower = i == 0 ? 0 : histogram.Bounds[i - 1];
            var width = histogram.Bounds[i] - lower;
            for (var j = 0; j < PointsPerBucket; j++)
            {
                points.Add((lower + (width * (j + 0.5) / PointsPerBucket), (double)count / PointsPerBucket));
            }
        }

        return points;
    }
}
