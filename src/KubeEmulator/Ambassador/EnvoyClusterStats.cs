namespace KubeEmulator.Ambassador;

/// <summary>The counters Envoy keeps per upstream cluster that the canary analysis reads.</summary>
internal sealed class EnvoyClusterStats
{
    /// <summary>Envoy's default histogram bucket bounds (milliseconds for upstream_rq_time); +Inf is implicit.</summary>
    public static readonly double[] BucketBounds =
        [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

    public SortedDictionary<int, long> ByStatusCode { get; } = [];

    /// <summary>upstream_rq_total: requests actually sent to an upstream host.</summary>
    public long UpstreamRequests { get; private set; }

    /// <summary>upstream_cx_none_healthy: requests that found no healthy host.</summary>
    public long NoHealthyUpstream { get; private set; }

    /// <summary>Non-cumulative counts per bucket; the last slot is the +Inf overflow.</summary>
    public long[] Buckets { get; } = new long[BucketBounds.Length + 1];

    public double LatencySumMs { get; private set; }

    public long LatencyCount { get; private set; }

    /// <summary>An upstream response: Envoy records the time in whole milliseconds.</summary>
    public void RecordResponse(int statusCode, double latencyMs)
    {
        var ms = Math.Floor(latencyMs);
        ByStatusCode[statusCode] = ByStatusCode.GetValueOrDefault(statusCode) + 1;
        UpstreamRequests++;
        var bucket = Array.FindIndex(BucketBounds, b => ms <= b);
        Buckets[bucket < 0 ? BucketBounds.Length : bucket]++;
        LatencySumMs += ms;
        LatencyCount++;
    }

    /// <summary>
    /// No healthy upstream: Envoy's router charges a 503 to the cluster (upstream_rq_503 and _5xx) and answers
    /// locally, so nothing reaches upstream_rq_total or the time histogram.
    /// </summary>
    public void RecordNoHealthyUpstream()
    {
        ByStatusCode[503] = ByStatusCode.GetValueOrDefault(503) + 1;
        NoHealthyUpstream++;
    }

    public void Add(EnvoyClusterStats other)
    {
        foreach (var (code, count) in other.ByStatusCode)
        {
            ByStatusCode[code] = ByStatusCode.GetValueOrDefault(code) + count;
        }

        UpstreamRequests += other.UpstreamRequests;
        NoHealthyUpstream += other.NoHealthyUpstream;
        for (var i = 0; i < Buckets.Length; i++)
        {
            Buckets[i] += other.Buckets[i];
        }

        LatencySumMs += other.LatencySumMs;
        LatencyCount += other.LatencyCount;
    }
}
