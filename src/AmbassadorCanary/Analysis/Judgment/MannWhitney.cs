namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>
/// Mann-Whitney U of the first sample against the second. U counts the pairs where the first is larger, ties
/// counting one half. Z uses the tie-corrected normal approximation with a 0.5 continuity correction.
/// </summary>
internal sealed record MannWhitneyResult(long N1, long N2, double U, double Mean, double StdDev, double Z, double PGreater, double PTwoSided);

internal static class MannWhitney
{
    /// <summary>
    /// From counts over the same ordered categories (histogram buckets, or distinct values): observations in the
    /// same category are ties. Null when either side is empty.
    /// </summary>
    public static MannWhitneyResult? Test(IReadOnlyList<long> first, IReadOnlyList<long> second)
    {
        if (first.Count != second.Count)
        {
            throw new ArgumentException($"Mann-Whitney: {first.Count} categories against {second.Count}", nameof(second));
        }

        double n1 = first.Sum(), n2 = second.Sum();
        if (n1 <= 0 || n2 <= 0)
        {
            return null;
        }

        double u = 0, secondBelow = 0, tieTerm = 0;
        for (var i = 0; i < first.Count; i++)
        {
            double a = first[i], b = second[i];
            u += a * (secondBelow + (b / 2));
            secondBelow += b;
            var t = a + b;
            tieTerm += (t * t * t) - t;
        }

        var n = n1 + n2;
        var mean = n1 * n2 / 2;
        var variance = n1 * n2 / 12 * ((n + 1) - (tieTerm / (n * (n - 1))));
        var sd = Math.Sqrt(Math.Max(0, variance));
        if (sd == 0)
        {
            return new MannWhitneyResult((long)n1, (long)n2, u, mean, 0, 0, 1, 1);
        }

        var z = (u - mean - 0.5) / sd;
        var zTwoSided = (Math.Max(u, (n1 * n2) - u) - mean - 0.5) / sd;
        return new MannWhitneyResult(
            (long)n1,
            (long)n2,
            u,
            mean,
            sd,
            z,
            NormalDistribution.UpperTail(z),
            Math.Min(1, 2 * NormalDistribution.UpperTail(zTwoSided)));
    }
}
