using System.Text.Json.Nodes;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Tests.Hosts;
using AmbassadorCanary.Tests.Hosts.Runner;
using k8s;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.EndToEnd;

/// <summary>SIGTERM to the tool mid-rollout, as the runner sends it on cancellation.</summary>
public class CancellationEndToEndTests
{
    /// <summary>Guards only against a hang: the tool's own safe-shutdown budget is 5 s.</summary>
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(30);

    [Test]
    public async Task GitHub_SIGTERM_mid_rollout_sets_the_canary_weight_to_0_persists_the_state_and_exits_non_zero()
    {
        await using var serve = await SandboxServeProcess.StartAsync();
        using var runner = new RunnerSandbox();
        // A long interval keeps the rollout at its first step until the signal.
        var inputs = EndToEndRun.RolloutInputs(serve.Kubeconfig, stepWeights: "20,50", interval: "10m");
        inputs["github-token"] = EndToEndRun.GitHubToken;
        using var tool = EndToEndRun.StartTool(runner.GitHub(inputs), runner.Workspace);

        await tool.WaitForOutputAsync("Mapping demo/web-canary: weight 20", EndToEndRun.RolloutLimit);
        Assert.That(await serve.CanaryWeightAsync("web-canary"), Is.EqualTo(20), "the cluster routes 20 % to the canary before the signal");
        tool.Signal("TERM");
        var code = await tool.WaitForExitAsync(ExitLimit);

        Assert.That(code, Is.EqualTo(ExitCodes.RolledBack), "a cancelled rollout exits 1 (docs/pipeline-hosts.md)\n" + tool.Stdout + tool.Stderr);
        Assert.That(await serve.CanaryWeightAsync("web-canary"), Is.EqualTo(0), "the canary gets no traffic after the cancellation");
        var state = await serve.Client.CoreV1.ReadNamespacedConfigMapAsync("web-canary-state", SandboxServeProcess.Namespace);
        var persisted = RolloutStateStore.Deserialize(state.Data[RolloutStateStore.DataKey]);
        Assert.That(persisted.Weight, Is.EqualTo(0));
        Assert.That(persisted.Phase, Is.Not.EqualTo(RolloutPhase.Progressing), "the persisted state records the cancellation");
        Assert.That(persisted.History, Is.Not.Empty);

        var outputs = GitHubOutputFileParser.Parse(await File.ReadAllTextAsync(runner.OutputFile));
        Assert.That(outputs["weight"], Is.EqualTo("0"));
        Assert.That(JsonNode.Parse(outputs["metrics"]), Is.InstanceOf<JsonObject>());
        string[] secrets = [serve.Token, EndToEndRun.GitHubToken, serve.Kubeconfig];
        LeakScan.AssertMaskedFirst(tool.Stdout, [serve.Token, EndToEndRun.GitHubToken], "::add-mask::");
        LeakScan.AssertNoSecret(string.Join('\n', tool.Stdout.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal))), secrets, "stdout");
        LeakScan.AssertNoSecret(tool.Stderr, secrets, "stderr");
        LeakScan.AssertNoSecret(await File.ReadAllTextAsync(runner.SummaryFile), secrets, "GITHUB_STEP_SUMMARY");
    }
}
