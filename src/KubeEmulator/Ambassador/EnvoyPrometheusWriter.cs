using System.Globalization;
using System.Text;

namespace KubeEmulator.Ambassador;

/// <summary>
/// Writes cluster stats as Envoy's /stats/prometheus does (Ambassador relays it at :8877/metrics): one family per
/// metric with its # TYPE line, counters first then histograms, label values escaped.
/// </summary>
internal static class EnvoyPrometheusWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IReadOnlyDictionary<string, EnvoyClusterStats> clusters)
    {
        var ordered = clusters.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();

        text.Append("# TYPE envoy_cluster_upstream_cx_none_healthy counter\n");
        foreach (var (name, stats) in ordered)
        {
            Line(text, "envoy_cluster_upstream_cx_none_healthy", $"envoy_cluster_name=\"{Escape(name)}\"", stats.NoHealthyUpstream);
        }

        text.Append("# TYPE envoy_cluster_upstream_rq counter\n");
        foreach (var (name, stats) in ordered)
        {
            foreach (var (code, count) in stats.ByStatusCode)
            {
                Line(text, "envoy_cluster_upstream_rq", $"envoy_response_code=\"{code}\",envoy_cluster_name=\"{Escape(name)}\"", count);
            }
        }

        text.Append("# TYPE envoy_cluster_upstream_rq_total counter\n");
        foreach (var (name, stats) in ordered)
        {
            Line(text, "envoy_cluster_upstream_rq_total", $"envoy_cluster_name=\"{Escape(name)}\"", stats.UpstreamRequests);
        }

        text.Append("# TYPE envoy_cluster_upstream_rq_xx counter\n");
        foreach (var (name, stats) in ordered)
        {
            foreach (var group in stats.ByStatusCode.GroupBy(c => c.Key / 100).OrderBy(g => g.Key))
            {
                Line(text, "envoy_cluster_upstream_rq_xx", $"envoy_response_code_class=\"{group.Key}\",envoy_cluster_name=\"{Escape(name)}\"", group.Sum(c => c.Value));
            }
        }

        text.Append("# TYPE envoy_cluster_upstream_rq_time histogram\n");
        foreach (var (name, stats) in ordered)
        {
            var label = $"envoy_cluster_name=\"{Escape(name)}\"";
            long cumulative = 0;
            for (var i = 0; i < EnvoyClusterStats.BucketBounds.Length; i++)
            {
                cumulative += stats.Buckets[i];
                var le = EnvoyClusterStats.BucketBounds[i].ToString(CultureInfo.InvariantCulture);
                Line(text, "envoy_cluster_upstream_rq_time_bucket", $"{label},le=\"{le}\"", cumulative);
            }

            cumulative += stats.Buckets[^1];
            Line(text, "envoy_cluster_upstream_rq_time_bucket", $"{label},le=\"+Inf\"", cumulative);
            text.Append("envoy_cluster_upstream_rq_time_sum{").Append(label).Append("} ")
                .Append(stats.LatencySumMs.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            Line(text, "envoy_cluster_upstream_rq_time_count", label, stats.LatencyCount);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string metric, string labels, long value) =>
        text.Append(metric).Append('{').Append(labels).Append("} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
