using System.Globalization;

namespace AmbassadorCanary.Analysis.Envoy;

/// <summary>
/// Cumulative counters of one Envoy cluster on one pod, as read from one scrape.
/// LatencyBuckets are the cumulative le-bucket counts for LatencyBounds (ms) plus the +Inf bucket last.
/// </summary>
public sealed record EnvoyClusterCounters(long Requests, long Errors5xx, IReadOnlyList<double> LatencyBounds, IReadOnlyList<long> LatencyBuckets)
{
    private const string RequestsTotal = "envoy_cluster_upstream_rq_total";
    private const string RequestsByCode = "envoy_cluster_upstream_rq";
    private const string RequestsByClass = "envoy_cluster_upstream_rq_xx";
    private const string LatencyBucket = "envoy_cluster_upstream_rq_time_bucket";

    /// <summary>True when any counter is below the earlier reading: Envoy restarted or the cluster was recreated.</summary>
    public bool WentBelow(EnvoyClusterCounters earlier) =>
        Requests < earlier.Requests
        || Errors5xx < earlier.Errors5xx
        || (LatencyBounds.SequenceEqual(earlier.LatencyBounds) && LatencyBuckets.Zip(earlier.LatencyBuckets).Any(p => p.First < p.Second));

    /// <summary>
    /// Reads the counters of the cluster whose envoy_cluster_name is statsName (the Mapping's stats_name).
    /// Null when the pod has no series for it yet (Envoy creates them with the cluster).
    /// </summary>
    internal static EnvoyClusterCounters? Read(PrometheusExposition metrics, string statsName)
    {
        double? total = null;
        double byCode = 0, byCode5xx = 0, byClass5xx = 0;
        bool seenByCode = false, seenByClass = false;
        var buckets = new SortedDictionary<double, double>();
        foreach (var s in metrics.Samples)
        {
            if (!s.Name.StartsWith("envoy_cluster_upstream_rq", StringComparison.Ordinal) || !IsCluster(s.Label("envoy_cluster_name"), statsName))
            {
                continue;
            }

            switch (s.Name)
            {
                case RequestsTotal:
                    total = (total ?? 0) + s.Value;
                    break;
                case RequestsByCode:
                    seenByCode = true;
                    byCode += s.Value;
                    if (s.Label("envoy_response_code") is { Length: 3 } code && code[0] == '5')
                    {
                        byCode5xx += s.Value;
                    }

                    break;
                case RequestsByClass:
                    seenByClass = true;
                    if (s.Label("envoy_response_code_class") == "5")
                    {
                        byClass5xx += s.Value;
                    }

                    break;
                case LatencyBucket when s.Label("le") is { } le:
                    var bound = le is "+Inf" or "Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
                    buckets[bound] = buckets.GetValueOrDefault(bound) + s.Value;
                    break;
            }
        }

        if (total is null && !seenByCode && !seenByClass && buckets.Count == 0)
        {
            return null;
        }

        var requests = total ?? byCode;
        var errors = seenByClass ? byClass5xx : byCode5xx;
        if (buckets.Count > 0 && !buckets.ContainsKey(double.PositiveInfinity))
        {
            buckets[double.PositiveInfinity] = buckets.Values.Max();
        }

        if (buckets.Count == 0)
        {
            var defaults = Metrics.LatencyHistogram.EnvoyDefaultBounds;
            return new EnvoyClusterCounters(ToCount(requests), ToCount(errors), defaults, new long[defaults.Count + 1]);
        }

        var bounds = buckets.Keys.Where(double.IsFinite).ToArray();
        return new EnvoyClusterCounters(ToCount(requests), ToCount(errors), bounds, buckets.Values.Select(ToCount).ToArray());
    }

    private static long ToCount(double value) => double.IsFinite(value) && value > 0 ? (long)Math.Round(value) : 0;

    // Envoy's Prometheus output may sanitise the name; accept the exact name or its sanitised form.
    private static bool IsCluster(string? label, string statsName) =>
        label is not null && (label == statsName || Sanitise(label) == Sanitise(statsName));

    private static string Sanitise(string name) =>
        string.Create(name.Length, name, static (span, n) =>
        {
            for (var i = 0; i < n.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(n[i]) || n[i] == '_' ? n[i] : '_';
            }
        });
}
