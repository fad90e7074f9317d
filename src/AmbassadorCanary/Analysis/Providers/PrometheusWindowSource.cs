using System.Globalization;
using AmbassadorCanary.Analysis.Metrics;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// The Prometheus provider: the canary's and the primary's requests, 5xx and latency buckets since the previous
/// call, by increase() over exactly that range (<see cref="EmissaryQueries"/>), evaluated at the tick's time. The first
/// call only takes the baseline, as the Envoy-stats source does. A failed query throws (the tick is no-data) and
/// keeps the baseline, so the next window covers the missed time. A cluster without series reads as no traffic.
/// Keep the rollout interval at least twice Prometheus' scrape interval, or increase() sees too few samples.
/// </summary>
internal sealed class PrometheusWindowSource(PrometheusClient prometheus, DateTimeOffset? since = null) : ITrafficWindowSource
{
    /// <summary>End of the last window (the next one starts here); persist it to continue across runs.</summary>
    public DateTimeOffset? Since { get; private set; } = since;

    public async Task<TrafficWindow?> NextWindowAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        var end = context.Now;
        if (Since is not { } start || end - start < TimeSpan.FromSeconds(1))
        {
            Since ??= end;
            return null;
        }

        var range = PrometheusDuration.Format(TimeSpan.FromSeconds(Math.Round((end - start).TotalSeconds)));
        var canary = await SampleAsync(context.CanaryStatsName, range, end, cancellationToken);
        var primary = await SampleAsync(context.PrimaryStatsName, range, end, cancellationToken);
        Since = end;
        return new TrafficWindow(canary, primary, start, end);
    }

    private async Task<TrafficSample> SampleAsync(string statsName, string range, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var requests = Count(await prometheus.QueryScalarAsync(EmissaryQueries.Requests(statsName, range), at, cancellationToken));
        var errors = Count(await prometheus.QueryScalarAsync(EmissaryQueries.Errors5xx(statsName, range), at, cancellationToken));
        var buckets = await prometheus.QueryAsync(EmissaryQueries.LatencyBuckets(statsName, range), at, cancellationToken);
        return new TrafficSample(requests, Math.Min(errors, requests), Histogram(buckets));
    }

    private static LatencyHistogram Histogram(IReadOnlyList<PrometheusSeries> buckets)
    {
        var byBound = new SortedDictionary<double, double>();
        foreach (var bucket in buckets)
        {
            if (bucket.Label("le") is not { } le)
            {
                continue;
            }

            var bound = le is "+Inf" or "Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
            byBound[bound] = byBound.GetValueOrDefault(bound) + (double.IsFinite(bucket.Value) ? bucket.Value : 0);
        }

        if (byBound.Count == 0)
        {
            return LatencyHistogram.Empty(LatencyHistogram.EnvoyDefaultBounds);
        }

        if (!byBound.ContainsKey(double.PositiveInfinity))
        {
            byBound[double.PositiveInfinity] = byBound.Values.Max();
        }

        // increase() extrapolates each bucket on its own; keep the rounded cumulative counts non-decreasing.
        var cumulative = new long[byBound.Count];
        var i = 0;
        foreach (var value in byBound.Values)
        {
            cumulative[i] = Math.Max(Count(value), i == 0 ? 0 : cumulative[i - 1]);
            i++;
        }

        return LatencyHistogram.FromCumulative(byBound.Keys.Where(double.IsFinite).ToArray(), cumulative);
    }

    private static long Count(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? (long)Math.Round(v) : 0;
}
