using System.Text.RegularExpressions;
using AmbassadorCanary.Tests.Hosts.Runner;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.EndToEnd;

/// <summary>The inputs of a small real-clock rollout of the sandbox's demo/web, and checks shared by the end-to-end tests.</summary>
internal static partial class EndToEndRun
{
    /// <summary>A fake token in GitHub's format: a secret the tool must mask and never print.</summary>
    public const string GitHubToken = "ghs_e2eFakeToken7d3c9a1b5e0f4a2c8b6d";

    /// <summary>Guards only against a hang; the rollout below takes about 15 s of real time.</summary>
    public static readonly TimeSpan RolloutLimit = TimeSpan.FromMinutes(2);

    public static Dictionary<string, string> RolloutInputs(string kubeconfig, string stepWeights = "20,50", string interval = "2s") => new(StringComparer.Ordinal)
    {
        ["command"] = "rollout",
        ["kubeconfig"] = kubeconfig,
        ["namespace"] = SandboxServeProcess.Namespace,
        ["deployment"] = "web",
        ["image"] = "web=ghcr.io/example/web:2.0.0",
        ["mapping"] = "web",
        ["step-weights"] = stepWeights,
        ["interval"] = interval,
        ["envoy-namespace"] = SandboxServeProcess.EnvoyNamespace,
        ["min-requests"] = "5",
    };

    public static ToolProcess StartTool(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] arguments) =>
        ToolProcess.Start(ToolProcess.ToolPath(), arguments, environment, workingDirectory);

    /// <summary>The summary's Mermaid block is an xychart-beta whose every line series has one value per x-axis label.</summary>
    public static void AssertWellFormedMermaidChart(string summary)
    {
        var block = MermaidBlock().Match(summary);
        Assert.That(block.Success, Is.True, "the summary holds a closed ```mermaid block:\n" + summary);
        var lines = block.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Is.EqualTo("xychart-beta"));
        var labels = Single(lines, "x-axis [");
        var labelCount = Regex.Count(labels, "\"[^\"]*\"");
        Assert.That(labelCount, Is.GreaterThanOrEqualTo(2), "x-axis labels: " + labels);
        Assert.That(lines.Count(l => YAxis().IsMatch(l)), Is.EqualTo(1), "one y-axis with a numeric range");
        var series = lines.Where(l => l.StartsWith("line [", StringComparison.Ordinal)).ToList();
        Assert.That(series, Is.Not.Empty, "at least one line series");
        foreach (var line in series)
        {
            var values = line["line [".Length..^1].Split(',', StringSplitOptions.TrimEntries);
            Assert.That(line, Does.EndWith("]"));
            Assert.That(values, Has.Length.EqualTo(labelCount), "one value per x label: " + line);
            Assert.That(values.All(v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _)), Is.True, "numeric values: " + line);
        }
    }

    /// <summary>The markdown steps table: its header and one row per transition, with the given weights among them.</summary>
    public static void AssertStepsTable(string summary, params int[] weights)
    {
        Assert.That(summary, Does.Contain("| Time (UTC) | Weight |"));
        var rows = summary.Split('\n').Where(l => StepRow().IsMatch(l)).ToList();
        Assert.That(rows, Has.Count.GreaterThanOrEqualTo(weights.Length + 1), "step rows:\n" + summary);
        foreach (var weight in weights)
        {
            Assert.That(rows.Any(r => r.Contains($"| {weight} % |", StringComparison.Ordinal)), Is.True, $"a row at weight {weight} %");
        }
    }

    private static string Single(string[] lines, string prefix)
    {
        var matching = lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.That(matching, Has.Count.EqualTo(1), prefix);
        return matching[0];
    }

    [GeneratedRegex("```mermaid\n(?<body>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();

    [GeneratedRegex("""^y-axis "[^"]*" -?\d+(\.\d+)? --> -?\d+(\.\d+)?$""")]
    private static partial Regex YAxis();

    [GeneratedRegex(@"^\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| \d+ % \|")]
    private static partial Regex StepRow();
}
