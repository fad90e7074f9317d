using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace KubeEmulator.Tests.Ambassador;

/// <summary>Reads Prometheus text in tests, and checks it with the real promtool.</summary>
internal static partial class PrometheusText
{
    public const string Promtool = "/usr/bin/promtool";

    /// <summary>Samples as (metric, labels) -> value. Labels are "k=v" pairs joined by ',' in name order.</summary>
    public static Dictionary<(string Metric, string Labels), double> Parse(string text)
    {
        var samples = new Dictionary<(string, string), double>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var m = SampleLine().Match(line);
            Assert.That(m.Success, Is.True, $"not a sample line: {line}");
            var labels = LabelPair().Matches(m.Groups["labels"].Value)
                .Select(l => $"{l.Groups[1].Value}={l.Groups[2].Value}")
                .Order(StringComparer.Ordinal);
            var value = m.Groups["value"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            samples[(m.Groups["metric"].Value, string.Join(',', labels))] = value;
        }

        return samples;
    }

    public static double Sum(Dictionary<(string Metric, string Labels), double> samples, string metric, params string[] labels) =>
        samples.Where(s => s.Key.Metric == metric && labels.All(l => s.Key.Labels.Split(',').Contains(l))).Sum(s => s.Value);

    /// <summary>
    /// Runs `promtool check metrics` on the text. Parse errors fail; the lint findings real Envoy output also has
    /// (no HELP text, counters without a _total suffix) are accepted, anything else fails.
    /// </summary>
    public static void AssertValid(string text)
    {
        Assert.That(File.Exists(Promtool), Is.True, "promtool is missing: install Debian's prometheus package (apt-get install prometheus)");
        using var process = Process.Start(new ProcessStartInfo(Promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(text);
        process.StandardInput.Close();
        process.WaitForExit();
        var findings = (stdout.Result + stderr.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(process.ExitCode, Is.EqualTo(0).Or.EqualTo(3), $"promtool: {string.Join('\n', findings)}");
        Assert.That(findings.Where(f => !AcceptedLint().IsMatch(f)), Is.Empty, "promtool findings beyond Envoy's own naming");
    }

    [GeneratedRegex(@"^(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();

    [GeneratedRegex("^envoy_[a-z_]+ (no help text|counter metrics should have \"_total\" suffix)$")]
    private static partial Regex AcceptedLint();
}
