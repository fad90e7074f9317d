using System.Text;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// The built-in PromQL for one Envoy cluster (a Mapping's stats_name, Prometheus label envoy_cluster_name) over a
/// range. Emissary 3.x and 4.x export the same Envoy series (Envoy's /stats/prometheus relayed at :8877/metrics):
/// envoy_cluster_upstream_rq_total, envoy_cluster_upstream_rq_xx{envoy_response_code_class} and
/// envoy_cluster_upstream_rq_time_bucket{le} in milliseconds, so one set of queries serves both.
/// </summary>
internal static class EmissaryQueries
{
    public static string Requests(string statsName, string range) =>
        $"sum(increase(envoy_cluster_upstream_rq_total{{{Cluster(statsName)}}}[{range}]))";

    public static string Errors5xx(string statsName, string range) =>
        $"sum(increase(envoy_cluster_upstream_rq_xx{{{Cluster(statsName)},envoy_response_code_class=\"5\"}}[{range}]))";

    public static string LatencyBuckets(string statsName, string range) =>
        $"sum by (le) (increase(envoy_cluster_upstream_rq_time_bucket{{{Cluster(statsName)}}}[{range}]))";

    /// <summary>Success rate in percent (non-5xx share); for dashboards and custom checks, the provider computes it from the counts.</summary>
    public static string SuccessRatePercent(string statsName, string range) =>
        $"100 * (1 - {Errors5xx(statsName, range)} / {Requests(statsName, range)})";

    /// <summary>p99 latency in ms, as histogram_quantile interpolates it.</summary>
    public static string LatencyP99(string statsName, string range) =>
        $"histogram_quantile(0.99, {LatencyBuckets(statsName, range)})";

    /// <summary>
    /// The label matcher of the cluster. Envoy may sanitise the name in its Prometheus output (characters other than
    /// letters, digits and '_' become '_'), so both spellings are matched.
    /// </summary>
    public static string Cluster(string statsName)
    {
        var sanitised = Sanitise(statsName);
        return sanitised == statsName
            ? $"envoy_cluster_name=\"{EscapeString(statsName)}\""
            : $"envoy_cluster_name=~\"{EscapeString(EscapeRegex(statsName))}|{EscapeString(sanitised)}\"";
    }

    private static string Sanitise(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_'));

    private static string EscapeRegex(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string EscapeString(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
