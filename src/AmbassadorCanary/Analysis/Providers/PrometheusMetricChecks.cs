using System.Globalization;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// The custom PromQL checks (analysis.metrics): each query, templated for the tick, must yield one number within
/// [Min, Max]. An empty answer, NaN, or Prometheus not answering is no-data (never a pass), with the reason.
/// </summary>
internal sealed class PrometheusMetricChecks(PrometheusClient prometheus) : ICanaryCheckSource
{
    public async Task<IReadOnlyList<CheckResult>> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        var metrics = context.Spec.Analysis.Metrics;
        var results = new List<CheckResult>(metrics.Count);
        var values = PromQlTemplate.ValuesFor(context);
        foreach (var metric in metrics)
        {
            results.Add(await EvaluateAsync(metric, values, context.Now, cancellationToken));
        }

        return results;
    }

    public static string Threshold(CustomMetricSpec metric) => (metric.Min, metric.Max) switch
    {
        ({ } min, { } max) => $"{Number(min)}..{Number(max)}",
        ({ } min, null) => $">= {Number(min)}",
        (null, { } max) => $"<= {Number(max)}",
        _ => "any",
    };

    private async Task<CheckResult> EvaluateAsync(CustomMetricSpec metric, IReadOnlyDictionary<string, string> values, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var threshold = Threshold(metric);
        string query;
        double? value;
        try
        {
            query = PromQlTemplate.Render(metric.Query, values);
            value = await prometheus.QueryScalarAsync(query, now, cancellationToken);
        }
        catch (Exception e) when (e is PrometheusQueryException or ArgumentException)
        {
            return new CheckResult(metric.Name, CheckOutcome.NoData, null, threshold, e.Message);
        }

        if (value is not { } v || double.IsNaN(v))
        {
            return new CheckResult(metric.Name, CheckOutcome.NoData, null, threshold, $"no data: {(value is null ? "empty result" : "NaN")}; query: {query}");
        }

        var pass = (metric.Min is not { } min || v >= min) && (metric.Max is not { } max || v <= max);
        return new CheckResult(metric.Name, pass ? CheckOutcome.Pass : CheckOutcome.Fail, v, threshold, pass ? null : $"{Number(v)} outside {threshold}; query: {query}");
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
