using AmbassadorCanary.Analysis.Metrics;

namespace AmbassadorCanary.Analysis.Envoy;

/// <summary>
/// Turns successive scrapes of several Ambassador pods into one traffic window: per pod and cluster the increase
/// since the previous scrape, summed over pods. A counter that went down means Envoy restarted (or the cluster was
/// recreated) on that pod; its new value is then the increase, as Prometheus' increase() does. A pod seen for the
/// first time after the baseline counts whole (it started within the window); a pod missing from a scrape keeps
/// its last counters, so it is not counted twice when it answers again.
/// </summary>
internal static class EnvoyStatsDelta
{
    public static (TrafficWindow? Window, EnvoyStatsSnapshot Next) Compute(
        EnvoyStatsSnapshot? previous,
        IReadOnlyList<PodScrape> scrapes,
        string canaryStatsName,
        string primaryStatsName,
        DateTimeOffset now)
    {
        if (previous is not null && (previous.CanaryStatsName != canaryStatsName || previous.PrimaryStatsName != primaryStatsName))
        {
            previous = null;
        }

        var before = previous?.Pods.ToDictionary(p => p.Pod, StringComparer.Ordinal) ?? [];
        var pods = new List<EnvoyPodCounters>();
        var canary = new Accumulator();
        var primary = new Accumulator();
        foreach (var scrape in scrapes)
        {
            var current = new EnvoyPodCounters(
                scrape.Pod.Key,
                scrape.Pod.Uid,
                EnvoyClusterCounters.Read(scrape.Metrics, canaryStatsName),
                EnvoyClusterCounters.Read(scrape.Metrics, primaryStatsName));
            pods.Add(current);
            if (previous is null)
            {
                continue;
            }

            before.TryGetValue(current.Pod, out var earlier);
            if (earlier is not null && earlier.Uid != current.Uid && earlier.Uid is not null && current.Uid is not null)
            {
                earlier = null;
            }

            before.Remove(current.Pod);
            canary.Add(Increase(earlier?.Canary, current.Canary));
            primary.Add(Increase(earlier?.Primary, current.Primary));
        }

        pods.AddRange(before.Values);
        var next = new EnvoyStatsSnapshot(now, canaryStatsName, primaryStatsName, pods);
        if (previous is null)
        {
            return (null, next);
        }

        return (new TrafficWindow(canary.ToSample(), primary.ToSample(), previous.Time, now), next);
    }

    private static EnvoyClusterCounters? Increase(EnvoyClusterCounters? earlier, EnvoyClusterCounters? current)
    {
        if (current is null)
        {
            return null;
        }

        if (earlier is null || current.WentBelow(earlier) || !current.LatencyBounds.SequenceEqual(earlier.LatencyBounds))
        {
            return current;
        }

        return new EnvoyClusterCounters(
            current.Requests - earlier.Requests,
            current.Errors5xx - earlier.Errors5xx,
            current.LatencyBounds,
            current.LatencyBuckets.Zip(earlier.LatencyBuckets, (c, e) => c - e).ToArray());
    }

    private sealed class Accumulator
    {
        private long requests;
        private long errors;
        private LatencyHistogram? latency;

        public void Add(EnvoyClusterCounters? increase)
        {
            if (increase is null)
            {
                return;
            }

            requests += increase.Requests;
            errors += increase.Errors5xx;
            var histogram = LatencyHistogram.FromCumulative(increase.LatencyBounds, increase.LatencyBuckets);
            if (latency is not null && !latency.SameBounds(histogram))
            {
                throw new InvalidOperationException("Envoy stats: Ambassador pods report different latency buckets; cannot sum them");
            }

            latency = latency is null ? histogram : latency.Add(histogram);
        }

        public TrafficSample ToSample() =>
            new(requests, errors, latency ?? LatencyHistogram.Empty(LatencyHistogram.EnvoyDefaultBounds));
    }
}
