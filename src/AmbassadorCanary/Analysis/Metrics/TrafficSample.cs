namespace AmbassadorCanary.Analysis.Metrics;

/// <summary>What one backend (canary or primary) served during one window.</summary>
public sealed record TrafficSample(long Requests, long Errors5xx, LatencyHistogram Latency)
{
    /// <summary>Non-5xx share of requests, in percent; null without requests.</summary>
    public double? SuccessRatePercent =>
        Requests <= 0 ? null : 100.0 * Math.Max(0, Requests - Math.Min(Errors5xx, Requests)) / Requests;

    public static TrafficSample None(IReadOnlyList<double> bounds) => new(0, 0, LatencyHistogram.Empty(bounds));
}
