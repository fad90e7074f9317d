using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmbassadorCanary.Analysis;

namespace AmbassadorCanary.Hosts;

/// <summary>Publishes a run's report to the pipeline: every output of action.yml, then the job summary.</summary>
internal static class RolloutOutputs
{
    public static void Publish(IPipelineHost host, RolloutReport report)
    {
        foreach (var (name, value) in Values(report))
        {
            host.SetOutput(name, value);
        }

        host.WriteSummary(JobSummaryMarkdown.Render(report));
    }

    /// <summary>The output values, in <see cref="OutputNames.All"/> order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Values(RolloutReport report) =>
    [
        new(OutputNames.Phase, report.Phase),
        new(OutputNames.Result, report.Result),
        new(OutputNames.Weight, report.Weight.ToString(CultureInfo.InvariantCulture)),
        new(OutputNames.CanaryRevision, report.CanaryRevision ?? string.Empty),
        new(OutputNames.Decision, report.Decision ?? string.Empty),
        new(OutputNames.Metrics, MetricsJson(report)),
        new(OutputNames.Summary, JobSummaryMarkdown.Headline(report)),
        new(OutputNames.PreviewUrl, report.PreviewUrl ?? string.Empty),
    ];

    /// <summary>The latest step's checks as JSON: {"time":…,"weight":…,"checks":{"name":{"value":…,"threshold":…,"outcome":…}}}.</summary>
    public static string MetricsJson(RolloutReport report)
    {
        var latest = report.Rows.Count == 0 ? null : report.Rows[^1];
        var checks = new JsonObject();
        foreach (var check in latest?.Checks ?? [])
        {
            checks[check.Name] = new JsonObject
            {
                ["value"] = check.Value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null,
                ["threshold"] = check.Threshold,
                ["outcome"] = Outcome(check.Outcome),
            };
        }

        var root = new JsonObject
        {
            ["time"] = latest?.Time.ToString("O", CultureInfo.InvariantCulture),
            ["weight"] = latest?.Weight ?? report.Weight,
            ["successRate"] = latest?.SuccessRate is { } rate && double.IsFinite(rate) ? JsonValue.Create(rate) : null,
            ["checks"] = checks,
        };

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            root.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Outcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "pass",
        CheckOutcome.Fail => "fail",
        _ => "no-data",
    };
}
