using System.Text.RegularExpressions;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Docs;

/// <summary>Keeps README true: its spec examples load without errors, and it keeps exactly the two newcomer commands.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = RepositoryFiles.Read("README.md");

    public static IEnumerable<TestCaseData> SpecExamples() =>
        YamlBlock().Matches(Readme)
            .Select(m => m.Groups[1].Value)
            .Where(text => text.StartsWith("target:", StringComparison.Ordinal) || text.StartsWith("analysis:", StringComparison.Ordinal)
                || text.StartsWith("# ", StringComparison.Ordinal) && text.Contains("\nanalysis:", StringComparison.Ordinal))
            .Select((text, i) => new TestCaseData(text).SetName($"README spec example {i + 1}"));

    [TestCaseSource(nameof(SpecExamples))]
    public void Spec_example_loads_without_errors(string yaml)
    {
        // Examples that show only one section get the required target and route from flags.
        CommandLineOption[] required = yaml.Contains("target:", StringComparison.Ordinal)
            ? []
            : [new("deployment", "web"), new("image", "web=ghcr.io/example/web:2.0.0"), new("mapping", "web")];
        var result = RolloutSpecLoader.Load(new SpecSources { FileText = yaml, FilePath = "README.md", Flags = required });
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
    }

    [Test]
    public void Readme_has_spec_examples_to_check() => Assert.That(SpecExamples().Count(), Is.GreaterThanOrEqualTo(4));

    [Test]
    public void Newcomer_section_has_exactly_the_two_commands()
    {
        var section = Readme[Readme.IndexOf("## Newcomer commands", StringComparison.Ordinal)..];
        var block = BashBlock().Match(section).Groups[1].Value;
        var commands = block.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.That(commands, Is.EqualTo(new[] { "dotnet run --project src/AmbassadorCanary -- sandbox", "dotnet test ActionPlugin.sln" }));
    }

    [Test]
    public void Ci_runs_the_readme_test_command() =>
        Assert.That(RepositoryFiles.Read(".ci/run"), Does.Contain("dotnet test ActionPlugin.sln"));

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex("```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
