using System.Text;
using System.Text.Json.Nodes;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Tests.Hosts;
using AmbassadorCanary.Tests.Hosts.Runner;
using k8s;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.EndToEnd;

/// <summary>The built tool run as the GitHub runner runs the action (environment only, no flags) against `sandbox serve`.</summary>
public class GitHubRunnerEndToEndTests
{
    [TestCase(false, TestName = "GitHub_rollout_promotes_and_writes_outputs_and_summary_without_leaks(kubeconfig plain)")]
    [TestCase(true, TestName = "GitHub_rollout_promotes_and_writes_outputs_and_summary_without_leaks(kubeconfig base64)")]
    public async Task GitHub_rollout_promotes_and_writes_outputs_and_summary_without_leaks(bool base64)
    {
        await using var serve = await SandboxServeProcess.StartAsync();
        using var runner = new RunnerSandbox();
        var kubeconfig = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(serve.Kubeconfig)) : serve.Kubeconfig;
        var inputs = EndToEndRun.RolloutInputs(kubeconfig);
        inputs["github-token"] = EndToEndRun.GitHubToken;
        using var tool = EndToEndRun.StartTool(runner.GitHub(inputs), runner.Workspace);

        var code = await tool.WaitForExitAsync(EndToEndRun.RolloutLimit);

        Assert.That(code, Is.EqualTo(ExitCodes.Success), tool.Stdout + tool.Stderr);
        var outputs = GitHubOutputFileParser.Parse(await File.ReadAllTextAsync(runner.OutputFile));
        Assert.That(outputs.Keys, Is.SupersetOf(OutputNames.All));
        Assert.That(outputs[OutputNames.Phase], Is.EqualTo("Succeeded"));
        Assert.That(outputs[OutputNames.Result], Is.EqualTo("promoted"));
        Assert.That(outputs[OutputNames.Weight], Is.EqualTo("0"));
        Assert.That(outputs[OutputNames.CanaryRevision], Does.Match("^[0-9a-f]{6,}$"));
        Assert.That(outputs[OutputNames.Decision], Does.Contain("promoted"));
        Assert.That(outputs[OutputNames.Summary], Does.Contain("demo/web").And.Contain("promoted"));
        Assert.That(outputs[OutputNames.PreviewUrl], Is.Empty, "no preview base URL was given");
        var metrics = JsonNode.Parse(outputs[OutputNames.Metrics])!.AsObject();
        Assert.That(metrics["weight"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(metrics["checks"], Is.InstanceOf<JsonObject>());

        var summary = await File.ReadAllTextAsync(runner.SummaryFile);
        EndToEndRun.AssertStepsTable(summary, 20, 50);
        EndToEndRun.AssertWellFormedMermaidChart(summary);

        var image = (await serve.Client.AppsV1.ReadNamespacedDeploymentAsync("web", SandboxServeProcess.Namespace)).Spec.Template.Spec.Containers.Single(c => c.Name == "web").Image;
        Assert.That(image, Is.EqualTo("ghcr.io/example/web:2.0.0"), "the primary runs the new image");
        Assert.That(await serve.MappingAsync("web-canary"), Is.Null, "the canary Mapping is gone after promotion");

        // The kubeconfig is masked by its credential (and, in base64, as a whole), not line by line; none of it may leak.
        string[] masked = kubeconfig == serve.Kubeconfig ? [serve.Token, EndToEndRun.GitHubToken] : [serve.Token, EndToEndRun.GitHubToken, kubeconfig];
        string[] secrets = [serve.Token, EndToEndRun.GitHubToken, kubeconfig];
        LeakScan.AssertMaskedFirst(tool.Stdout, masked, "::add-mask::");
        LeakScan.AssertNoSecret(string.Join('\n', tool.Stdout.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal))), secrets, "stdout");
        LeakScan.AssertNoSecret(tool.Stderr, secrets, "stderr");
        LeakScan.AssertNoSecret(await File.ReadAllTextAsync(runner.OutputFile), secrets, "GITHUB_OUTPUT");
        LeakScan.AssertNoSecret(summary, secrets, "GITHUB_STEP_SUMMARY");
        Assert.That(tool.Stdout, Does.Not.Contain("::error"));
    }

    [Test]
    public async Task GitHub_sandbox_errors_scenario_rolls_back_with_the_failed_check_in_the_summary()
    {
        using var runner = new RunnerSandbox();
        using var tool = EndToEndRun.StartTool(runner.GitHub(new Dictionary<string, string>()), runner.Workspace, "sandbox", "--scenario", "errors");

        var code = await tool.WaitForExitAsync(EndToEndRun.RolloutLimit);

        Assert.That(code, Is.EqualTo(ExitCodes.RolledBack), tool.Stdout + tool.Stderr);
        var summary = await File.ReadAllTextAsync(runner.SummaryFile);
        Assert.That(summary, Does.StartWith("## ❌"));
        var failedRows = summary.Split('\n').Where(l => l.StartsWith("| 20", StringComparison.Ordinal) && l.Contains("❌ ", StringComparison.Ordinal)).ToList();
        Assert.That(failedRows, Is.Not.Empty, "a steps row with a failed check:\n" + summary);
        Assert.That(failedRows[0], Does.Contain("roll"));
        EndToEndRun.AssertWellFormedMermaidChart(summary);
        var outputs = GitHubOutputFileParser.Parse(await File.ReadAllTextAsync(runner.OutputFile));
        Assert.That(outputs[OutputNames.Result], Is.EqualTo("rolled-back"));
    }
}
