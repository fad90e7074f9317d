using System.Globalization;
using System.Text;

namespace AmbassadorCanary.Hosts;

/// <summary>Renders canary weight and success rate over time as a Mermaid xychart-beta block.</summary>
internal static class MermaidXyChart
{
    /// <summary>Past this many points the chart shows the most recent ones; the table keeps them all.</summary>
    public const int MaxPoints = 200;

    public static string? Render(IReadOnlyList<ReportRow> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var points = rows.Skip(Math.Max(0, rows.Count - MaxPoints)).ToList();
        var chart = new StringBuilder();
        chart.Append("```mermaid\n");
        chart.Append("xychart-beta\n");
        chart.Append("    title \"Canary weight and success rate (%)\"\n");
        chart.Append("    x-axis [").AppendJoin(", ", points.Select(p => "\"" + p.Time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "\"")).Append("]\n");
        chart.Append("    y-axis \"percent\" 0 --> 100\n");
        chart.Append("    line [").AppendJoin(", ", points.Select(p => Number(Math.Clamp(p.Weight, 0, 100)))).Append("]\n");

        var rates = SuccessRates(points);
        if (rates is not null)
        {
            chart.Append("    line [").AppendJoin(", ", rates.Select(Number)).Append("]\n");
        }

        chart.Append("```\n");
        chart.Append(rates is null ? "_Line: canary weight._\n" : "_First line: canary weight; second line: canary success rate._\n");
        return chart.ToString();
    }

    /// <summary>
    /// xychart has no gaps, so a no-data point repeats the previous value (or the first known one).
    /// Null when no point has data: the line is left out rather than drawn as invented values.
    /// </summary>
    private static List<double>? SuccessRates(List<ReportRow> points)
    {
        var first = points.FirstOrDefault(p => p.SuccessRate is not null)?.SuccessRate;
        if (first is null)
        {
            return null;
        }

        var last = first.Value;
        var rates = new List<double>(points.Count);
        foreach (var point in points)
        {
            last = point.SuccessRate ?? last;
            rates.Add(Math.Clamp(last, 0, 100));
        }

        return rates;
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
