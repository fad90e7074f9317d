using System.Globalization;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Spec.Loading;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Spec;

/// <summary>The one settings table: consistent names, host input mapping, defaults that match the record, and docs that match it.</summary>
[TestFixture]
public sealed class SpecSettingsTableTests
{
    [Test]
    public void Names_are_unique_and_well_formed()
    {
        var withFlags = SpecSettings.All.Where(s => s.Flag is not null).ToList();

        Assert.That(SpecSettings.All.Select(s => s.YamlPath), Is.Unique);
        Assert.That(withFlags.Select(s => s.Flag), Is.Unique);
        Assert.That(withFlags.Select(s => s.AzureInput!.ToLowerInvariant()), Is.Unique);
        Assert.That(withFlags.Select(s => s.Flag), Is.All.Matches("^[a-z][a-z0-9]*(-[a-z0-9]+)*$"));
        Assert.That(withFlags.Select(s => s.AzureInput), Is.All.Matches("^[A-Za-z][A-Za-z0-9]*$"), "Azure task input names");
        Assert.That(SpecSettings.All.Select(s => s.YamlPath), Is.All.Matches(@"^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$"));
    }

    [TestCase("step-weights", "step-weights")]
    [TestCase("STEP-WEIGHTS", "step-weights")]
    [TestCase("stepWeights", "step-weights")]
    [TestCase("STEPWEIGHTS", "step-weights")]
    [TestCase("prometheus-ca-file", "prometheus-ca-file")]
    [TestCase("PROMETHEUSCAFILE", "prometheus-ca-file")]
    [TestCase("ambassadorId", "ambassador-id")]
    [TestCase("namespace", "namespace")]
    [TestCase("kubeconfig", null)]
    [TestCase("step_weights", null)]
    public void Host_input_names_map_to_flags(string inputName, string? flag)
    {
        Assert.That(SpecSettings.FlagForInput(inputName), Is.EqualTo(flag));
    }

    [Test]
    public void Secrets_are_marked_for_masking()
    {
        Assert.That(SpecSettings.All.Where(s => s.Secret).Select(s => s.Flag), Is.EquivalentTo(new[] { "prometheus-token", "prometheus-password" }));
    }

    [Test]
    public void Documented_defaults_are_the_defaults_the_spec_gets()
    {
        var spec = SpecLoading.Valid(null, SpecLoading.MinimalFlags);
        var documented = SpecSettings.All
            .Where(s => s.Default is not null && s.Type is not (SettingType.TextList or SettingType.StepPlan or SettingType.ImageMap) && s.Default.All(c => !char.IsWhiteSpace(c)))
            .ToDictionary(s => s, s => SettingValueParser.Scalar(s, s.Default!, out _));
        var actual = new Dictionary<SpecSetting, object?>
        {
            [SpecSettings.Namespace] = spec.Target.Namespace,
            [SpecSettings.Dialect] = spec.Route.Dialect.ToString().ToLowerInvariant(),
            [SpecSettings.MaxWeight] = RolloutSpecBuilder.DefaultMaxWeight,
            [SpecSettings.Interval] = spec.Interval,
            [SpecSettings.ProgressDeadline] = spec.ProgressDeadline,
            [SpecSettings.Timeout] = spec.Timeout,
            [SpecSettings.Promotion] = spec.Promotion.ToString().ToLowerInvariant(),
            [SpecSettings.FailureLimit] = spec.FailureLimit,
            [SpecSettings.FailureCounting] = spec.FailureCounting.ToString().ToLowerInvariant(),
            [SpecSettings.OnCancel] = spec.OnCancel.ToString().ToLowerInvariant(),
            [SpecSettings.LockDuration] = spec.LockDuration,
            [SpecSettings.HeaderRouteName] = new HeaderRouteSpec().Name,
            [SpecSettings.Provider] = spec.Analysis.Provider == MetricsProviderKind.EnvoyStats ? "envoy" : spec.Analysis.Provider.ToString().ToLowerInvariant(),
            [SpecSettings.MinSuccessRate] = spec.Analysis.MinSuccessRate,
            [SpecSettings.MaxLatencyP99] = spec.Analysis.MaxLatencyP99,
            [SpecSettings.MinRequests] = spec.Analysis.MinRequests,
            [SpecSettings.NoDataLimit] = spec.Analysis.NoDataLimit,
            [SpecSettings.EnvoyAdminPort] = spec.Analysis.Envoy.AdminPort,
            [SpecSettings.Judge] = spec.Analysis.Judge.Enabled,
            [SpecSettings.JudgeAlpha] = spec.Analysis.Judge.Alpha,
            [SpecSettings.JudgeMinLatencyEffect] = spec.Analysis.Judge.MinLatencyEffect,
            [SpecSettings.JudgeMinErrorRatio] = spec.Analysis.Judge.MinErrorRatio,
            [SpecSettings.PromoteEarly] = spec.Analysis.Judge.PromoteEarly,
        };

        Assert.That(documented.Keys.Select(k => k.YamlPath), Is.EquivalentTo(actual.Keys.Select(k => k.YamlPath)));
        foreach (var (setting, value) in documented)
        {
            Assert.That(value, Is.EqualTo(actual[setting]), setting.YamlPath);
        }

        Assert.That(string.Join("; ", spec.Analysis.Envoy.PodSelectors), Is.EqualTo(SpecSettings.EnvoyPodSelectors.Default));
        Assert.That(string.Join(",", spec.Steps.Cast<WeightStep>().Select(w => w.Weight)), Is.EqualTo(SpecSettings.Steps.Default));
    }

    [Test]
    public void Docs_list_every_setting_as_the_table_does()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "spec.md"));
        var expected = SpecSettings.All.Select(DocRow).ToList();

        var missing = expected.Where(row => !docs.Contains(row, StringComparison.Ordinal)).ToList();

        Assert.That(missing, Is.Empty, "docs/spec.md rows out of date; the table should read:\n" + string.Join("\n", expected));
    }

    [Test]
    public void Docs_example_rollout_yaml_loads()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "spec.md"));
        var start = docs.IndexOf("```yaml\n", docs.IndexOf("## Example rollout.yaml", StringComparison.Ordinal), StringComparison.Ordinal) + 8;
        var yaml = docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)];

        var spec = SpecLoading.Valid(yaml);

        Assert.That(spec.Steps, Has.Count.EqualTo(5));
        Assert.That(spec.Steps[3], Is.EqualTo(new PauseStep(TimeSpan.FromMinutes(10))));
        Assert.That(spec.Analysis.Metrics.Single().Query, Does.Contain("{{ canary }}"));
        Assert.That(spec.HeaderRoute!.Cookie, Is.EqualTo("canary=always"));
    }

    public static string DocRow(SpecSetting s) => string.Create(CultureInfo.InvariantCulture,
        $"| `{s.YamlPath}` | {Code(s.Flag is null ? null : "--" + s.Flag)} | {Code(s.GitHubInput)} | {Code(s.AzureInput)} | {(s.Required ? "required" : s.Default ?? "")} | {s.Meaning} |");

    private static string Code(string? text) => text is null ? "(file only)" : $"`{text}`";

    /// <summary>The checkout the tests were built from: walk up from the test assembly to the solution file.</summary>
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActionPlugin.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("no ActionPlugin.sln above " + AppContext.BaseDirectory);
    }
}
