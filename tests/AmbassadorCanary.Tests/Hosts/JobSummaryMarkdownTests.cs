using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AmbassadorCanary.Analysis;
using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public partial class JobSummaryMarkdownTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

    internal static RolloutReport Report(int steps = 3) => new()
    {
        Command = "rollout",
        Target = "shop/web",
        Phase = "Succeeded",
        Result = ReportResults.Promoted,
        Weight = 0,
        CanaryRevision = "registry.local/web:1.25",
        Decision = "promote",
        Message = "All 3 steps passed | promoted",
        Rows = [.. Enumerable.Range(0, steps).Select(i => new ReportRow(Start.AddMinutes(i), (i + 1) * 20, i == steps - 1 ? "promote" : "continue")
        {
            SuccessRate = i == 1 ? null : 99.5 - i,
            Checks =
            [
                new CheckResult("success-rate", i == 1 ? CheckOutcome.NoData : CheckOutcome.Pass, i == 1 ? null : 99.5 - i, "≥ 97"),
                new CheckResult("latency-p99", CheckOutcome.Fail, 612.5, "≤ 500 ms"),
            ],
        })],
    };

    [Test]
    public void Summary_has_a_headline_and_a_steps_table_with_each_check_against_its_threshold()
    {
        var markdown = JobSummaryMarkdown.Render(Report());

        Assert.That(markdown, Does.StartWith("## ✅ shop/web: promoted (rollout, weight 0 %, revision registry.local/web:1.25)\n"));
        Assert.That(markdown, Does.Contain("All 3 steps passed \\| promoted"));
        Assert.That(markdown, Does.Contain("| Time (UTC) | Weight | success-rate | latency-p99 | Decision |\n|---|---:|---|---|---|\n"));
        Assert.That(markdown, Does.Contain("| 2026-12-04 20:00:00 | 20 % | ✅ 99.5 (≥ 97) | ❌ 612.5 (≤ 500 ms) | continue |"));
        Assert.That(markdown, Does.Contain("| 2026-12-04 20:01:00 | 40 % | ⚪ no data (≥ 97) | ❌ 612.5 (≤ 500 ms) | continue |"));
        Assert.That(markdown, Does.Contain("| 2026-12-04 20:02:00 | 60 % | ✅ 97.5 (≥ 97) | ❌ 612.5 (≤ 500 ms) | promote |"));
    }

    [Test]
    public void Mermaid_block_is_a_well_formed_xychart()
    {
        var chart = MermaidBlock(JobSummaryMarkdown.Render(Report()));
        var lines = chart.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.That(lines[0], Is.EqualTo("xychart-beta"));
        Assert.That(lines, Has.Some.Match("^title \"[^\"]+\"$"));
        Assert.That(lines, Has.Some.EqualTo("y-axis \"percent\" 0 --> 100"));
        var xAxis = lines.Single(l => l.StartsWith("x-axis", StringComparison.Ordinal));
        var labels = QuotedItems().Matches(xAxis).Select(m => m.Groups[1].Value).ToList();
        Assert.That(labels, Is.EqualTo(new[] { "20:00:00", "20:01:00", "20:02:00" }));
        var series = lines.Where(l => l.StartsWith("line ", StringComparison.Ordinal)).Select(ParseSeries).ToList();
        Assert.That(series, Has.Count.EqualTo(2));
        Assert.That(series[0], Is.EqualTo(new[] { 20d, 40d, 60d }));
        Assert.That(series[1], Is.EqualTo(new[] { 99.5, 99.5, 97.5 }), "no-data repeats the previous value");
    }

    [Test]
    public void Without_rows_there_is_no_chart_or_table_and_without_rates_one_line()
    {
        var empty = JobSummaryMarkdown.Render(Report(steps: 0));
        Assert.That(empty, Does.Not.Contain("```mermaid").And.Not.Contain("### Steps"));

        var noRates = Report(1) with { Rows = [new ReportRow(Start, 10, "continue")] };
        var series = MermaidBlock(JobSummaryMarkdown.Render(noRates)).Split('\n').Count(l => l.Trim().StartsWith("line ", StringComparison.Ordinal));
        Assert.That(series, Is.EqualTo(1));
    }

    [Test]
    public void Outputs_are_published_with_metrics_as_json()
    {
        var env = new TestHostEnvironment();
        env.Variables["GITHUB_OUTPUT"] = "/out";
        env.Variables["GITHUB_STEP_SUMMARY"] = "/summary";
        var host = new GitHubActionsHost(env.Build());

        RolloutOutputs.Publish(host, Report() with { PreviewUrl = "https://pr-1.example.test/" });

        var outputs = GitHubOutputFileParser.Parse(env.FileText("/out"));
        Assert.That(outputs.Keys, Is.EquivalentTo(OutputNames.All));
        Assert.That(outputs["phase"], Is.EqualTo("Succeeded"));
        Assert.That(outputs["weight"], Is.EqualTo("0"));
        Assert.That(outputs["canary-revision"], Is.EqualTo("registry.local/web:1.25"));
        Assert.That(outputs["preview-url"], Is.EqualTo("https://pr-1.example.test/"));
        Assert.That(outputs["summary"], Does.StartWith("shop/web: promoted"));
        var metrics = JsonNode.Parse(outputs["metrics"])!;
        Assert.That(metrics["weight"]!.GetValue<int>(), Is.EqualTo(60));
        Assert.That(metrics["checks"]!["latency-p99"]!["outcome"]!.GetValue<string>(), Is.EqualTo("fail"));
        Assert.That(metrics["checks"]!["success-rate"]!["threshold"]!.GetValue<string>(), Is.EqualTo("≥ 97"));
        Assert.That(env.FileText("/summary"), Does.Contain("```mermaid"));
    }

    [Test]
    public void Table_cells_cannot_break_the_table_or_inject_html()
    {
        var report = Report(1) with { Rows = [new ReportRow(Start, 10, "roll|back\n<script>")] };

        Assert.That(JobSummaryMarkdown.Render(report), Does.Contain("| roll\\|back &lt;script> |"));
    }

    internal static string MermaidBlock(string markdown)
    {
        var match = MermaidFence().Match(markdown);
        Assert.That(match.Success, Is.True, "a ```mermaid fenced block");
        return match.Groups[1].Value;
    }

    private static double[] ParseSeries(string line)
    {
        var open = line.IndexOf('[', StringComparison.Ordinal);
        var close = line.IndexOf(']', StringComparison.Ordinal);
        Assert.That(open, Is.GreaterThan(0));
        Assert.That(close, Is.EqualTo(line.Length - 1));
        return [.. line[(open + 1)..close].Split(',').Select(v => double.Parse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex("```mermaid\n(.*?)\n```\n", RegexOptions.Singleline)]
    private static partial Regex MermaidFence();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedItems();
}
