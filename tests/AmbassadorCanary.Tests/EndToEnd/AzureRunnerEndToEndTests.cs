using System.Text.Json.Nodes;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Tests.Hosts.Runner;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.EndToEnd;

/// <summary>The built tool run as the Azure DevOps task wrapper runs it (TF_BUILD, camelCase INPUT_*) against `sandbox serve`.</summary>
public class AzureRunnerEndToEndTests
{
    private const string SetSecret = "##vso[task.setsecret]";

    [Test]
    public async Task Azure_rollout_promotes_and_sets_output_variables_summary_and_result_without_leaks()
    {
        await using var serve = await SandboxServeProcess.StartAsync();
        using var runner = new RunnerSandbox();
        var environment = runner.Azure(EndToEndRun.RolloutInputs(serve.Kubeconfig));
        Assert.That(environment, Does.ContainKey("INPUT_STEPWEIGHTS").And.ContainKey("INPUT_ENVOYNAMESPACE").And.ContainKey("INPUT_MINREQUESTS"));
        using var tool = EndToEndRun.StartTool(environment, runner.Workspace);

        var code = await tool.WaitForExitAsync(EndToEndRun.RolloutLimit);

        Assert.That(code, Is.EqualTo(ExitCodes.Success), tool.Stdout + tool.Stderr);
        var lines = tool.Stdout.Split('\n');
        var outputs = OutputVariables(lines);
        Assert.That(outputs.Keys, Is.SupersetOf(OutputNames.All.Select(InputNames.ToCamelCase)));
        Assert.That(outputs["phase"], Is.EqualTo("Succeeded"));
        Assert.That(outputs["result"], Is.EqualTo("promoted"));
        Assert.That(outputs["weight"], Is.EqualTo("0"));
        Assert.That(outputs["canaryRevision"], Does.Match("^[0-9a-f]{6,}$"));
        Assert.That(JsonNode.Parse(outputs["metrics"]), Is.InstanceOf<JsonObject>());

        var upload = lines.Where(l => l.StartsWith("##vso[task.uploadsummary]", StringComparison.Ordinal)).ToList();
        Assert.That(upload, Has.Count.EqualTo(1));
        var summaryPath = upload[0]["##vso[task.uploadsummary]".Length..];
        Assert.That(summaryPath, Does.StartWith(runner.Temp), "the summary goes to AGENT_TEMPDIRECTORY");
        var summary = await File.ReadAllTextAsync(summaryPath);
        EndToEndRun.AssertStepsTable(summary, 20, 50);
        EndToEndRun.AssertWellFormedMermaidChart(summary);

        Assert.That(lines.Where(l => l.StartsWith("##vso[task.complete", StringComparison.Ordinal)).ToList(),
            Is.EqualTo(new[] { lines.Single(l => l.StartsWith("##vso[task.complete result=Succeeded;]", StringComparison.Ordinal)) }));
        Assert.That(tool.Stdout, Does.Not.Contain("::add-mask::").And.Not.Contain("##vso[task.logissue type=error"));

        string[] secrets = [serve.Token, serve.Kubeconfig];
        LeakScan.AssertMaskedFirst(tool.Stdout, [serve.Token], SetSecret);
        LeakScan.AssertNoSecret(string.Join('\n', tool.Stdout.Split('\n').Where(l => !l.StartsWith(SetSecret, StringComparison.Ordinal))), secrets, "stdout");
        LeakScan.AssertNoSecret(tool.Stderr, secrets, "stderr");
        LeakScan.AssertNoSecret(summary, secrets, "uploaded summary");
    }

    /// <summary>The ##vso[task.setvariable variable=NAME;isOutput=true;]VALUE lines, by variable name.</summary>
    private static Dictionary<string, string> OutputVariables(IEnumerable<string> lines)
    {
        const string Prefix = "##vso[task.setvariable variable=";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var close = line.IndexOf(']', StringComparison.Ordinal);
            var properties = line[Prefix.Length..close];
            Assert.That(properties, Does.EndWith(";isOutput=true;"), line);
            result[properties[..properties.IndexOf(';', StringComparison.Ordinal)]] = Unescape(line[(close + 1)..]);
        }

        return result;
    }

    private static string Unescape(string data) =>
        data.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%AZP25", "%", StringComparison.Ordinal);
}
