using System.Globalization;
using System.Text;
using AmbassadorCanary.Analysis;

namespace AmbassadorCanary.Hosts;

/// <summary>Renders a <see cref="RolloutReport"/> as the job summary: headline, facts, chart, steps table.</summary>
internal static class JobSummaryMarkdown
{
    public static string Render(RolloutReport report)
    {
        var md = new StringBuilder();
        md.Append("## ").Append(Icon(report.Result)).Append(' ').Append(Cell(Headline(report))).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(report.Message))
        {
            md.Append(Cell(report.Message)).Append("\n\n");
        }

        md.Append("| | |\n|---|---|\n");
        Fact(md, "Command", Code(report.Command));
        Fact(md, "Target", Code(report.Target));
        Fact(md, "Phase", report.Phase);
        Fact(md, "Result", report.Result);
        Fact(md, "Canary weight", report.Weight.ToString(CultureInfo.InvariantCulture) + " %");
        Fact(md, "Canary revision", report.CanaryRevision is null ? null : Code(report.CanaryRevision));
        Fact(md, "Decision", report.Decision);
        Fact(md, "Preview", report.PreviewUrl);
        md.Append('\n');

        var chart = MermaidXyChart.Render(report.Rows);
        if (chart is not null)
        {
            md.Append("### Canary weight and success rate\n\n").Append(chart).Append('\n');
            AppendSteps(md, report.Rows);
        }

        return md.ToString();
    }

    /// <summary>The one-line summary output: "default/web: promoted (weight 0 %, revision nginx:1.25)".</summary>
    public static string Headline(RolloutReport report)
    {
        var line = new StringBuilder(report.Target).Append(": ").Append(report.Result)
            .Append(" (").Append(report.Command).Append(", weight ").Append(report.Weight.ToString(CultureInfo.InvariantCulture)).Append(" %");
        if (!string.IsNullOrEmpty(report.CanaryRevision))
        {
            line.Append(", revision ").Append(report.CanaryRevision);
        }

        return line.Append(')').ToString();
    }

    private static void AppendSteps(StringBuilder md, IReadOnlyList<ReportRow> rows)
    {
        var checkNames = rows.SelectMany(r => r.Checks).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        md.Append("### Steps\n\n| Time (UTC) | Weight |");
        foreach (var name in checkNames)
        {
            md.Append(' ').Append(Cell(name)).Append(" |");
        }

        md.Append(" Decision |\n|---|---:|");
        md.Append(string.Concat(Enumerable.Repeat("---|", checkNames.Count)));
        md.Append("---|\n");
        foreach (var row in rows)
        {
            md.Append("| ").Append(row.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                .Append(" | ").Append(row.Weight.ToString(CultureInfo.InvariantCulture)).Append(" % |");
            foreach (var name in checkNames)
            {
                var check = row.Checks.FirstOrDefault(c => c.Name == name);
                md.Append(' ').Append(check is null ? "–" : CheckCell(check)).Append(" |");
            }

            md.Append(' ').Append(Cell(row.Decision)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static string CheckCell(CheckResult check)
    {
        var value = check.Value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "no data";
        var icon = check.Outcome switch
        {
            CheckOutcome.Pass => "✅",
            CheckOutcome.Fail => "❌",
            _ => "⚪",
        };
        return icon + " " + value + " (" + Cell(check.Threshold) + ")";
    }

    private static void Fact(StringBuilder md, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            md.Append("| ").Append(name).Append(" | ").Append(value.StartsWith('`') ? value : Cell(value)).Append(" |\n");
        }
    }

    private static string Icon(string result) => result switch
    {
        ReportResults.Promoted => "✅",
        ReportResults.RolledBack or ReportResults.Failed => "❌",
        ReportResults.Cancelled => "⏹️",
        ReportResults.Progressing or ReportResults.Paused => "⏳",
        _ => "ℹ️",
    };

    /// <summary>Table-cell safe: no pipe, no newline, no raw HTML.</summary>
    private static string Cell(string text) =>
        text.Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Code(string text) => "`" + Cell(text).Replace("`", "'", StringComparison.Ordinal) + "`";
}
