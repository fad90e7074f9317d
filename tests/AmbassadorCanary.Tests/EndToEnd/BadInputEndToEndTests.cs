using System.Text.Json.Nodes;
using AmbassadorCanary.Tests.Hosts.Runner;
using k8s;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.EndToEnd;

/// <summary>Invalid inputs through the runner path: every problem reported, exit 2, and not one write in the cluster.</summary>
public class BadInputEndToEndTests
{
    [Test]
    public async Task GitHub_invalid_inputs_are_all_reported_with_exit_2_and_no_cluster_writes()
    {
        await using var serve = await SandboxServeProcess.StartAsync();
        var before = await SnapshotAsync(serve);
        using var runner = new RunnerSandbox();
        var inputs = EndToEndRun.RolloutInputs(serve.Kubeconfig, stepWeights: "20,fifty", interval: "soon");
        inputs["min-success-rate"] = "150";
        inputs["github-token"] = EndToEndRun.GitHubToken;
        using var tool = EndToEndRun.StartTool(runner.GitHub(inputs), runner.Workspace);

        var code = await tool.WaitForExitAsync(EndToEndRun.RolloutLimit);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput), tool.Stdout + tool.Stderr);
        var errors = tool.Stdout.Split('\n').Where(l => l.StartsWith("::error", StringComparison.Ordinal)).ToList();
        foreach (var input in new[] { "step-weights", "interval", "min-success-rate" })
        {
            Assert.That(errors.Any(e => e.Contains(input, StringComparison.Ordinal)), Is.True, $"an ::error:: names {input}:\n{tool.Stdout}");
        }

        Assert.That(await SnapshotAsync(serve), Is.EqualTo(before), "no object in the cluster was created, changed or deleted");
        // The kubeconfig input is parsed when it is read, so its credential is masked before anything is logged,
        // even though bad input stops the run before the cluster is contacted; no part of it may appear anywhere.
        string[] secrets = [serve.Kubeconfig, serve.Token, EndToEndRun.GitHubToken];
        LeakScan.AssertMaskedFirst(tool.Stdout, [serve.Token, EndToEndRun.GitHubToken], "::add-mask::");
        LeakScan.AssertNoSecret(string.Join('\n', tool.Stdout.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal))), secrets, "stdout");
        LeakScan.AssertNoSecret(tool.Stderr, secrets, "stderr");
        LeakScan.AssertNoSecret(await File.ReadAllTextAsync(runner.SummaryFile), secrets, "GITHUB_STEP_SUMMARY");
    }

    /// <summary>
    /// Every object the tool could touch in the app namespace: Deployments by generation and images (the sandbox's
    /// controller writes their status on its own), the rest by resourceVersion.
    /// </summary>
    private static async Task<List<string>> SnapshotAsync(SandboxServeProcess serve)
    {
        const string Ns = SandboxServeProcess.Namespace;
        var objects = new List<string>();
        objects.AddRange((await serve.Client.AppsV1.ListNamespacedDeploymentAsync(Ns)).Items.Select(d =>
            $"Deployment/{d.Metadata.Name}@{d.Metadata.Generation} {string.Join(",", d.Spec.Template.Spec.Containers.Select(c => c.Image))}"));
        objects.AddRange((await serve.Client.CoreV1.ListNamespacedServiceAsync(Ns)).Items.Select(s => $"Service/{s.Metadata.Name}@{s.Metadata.ResourceVersion}"));
        objects.AddRange((await serve.Client.CoreV1.ListNamespacedConfigMapAsync(Ns)).Items.Select(c => $"ConfigMap/{c.Metadata.Name}@{c.Metadata.ResourceVersion}"));
        var mapping = await serve.MappingAsync("web") ?? throw new InvalidOperationException("the sandbox seeds Mapping demo/web");
        objects.Add($"Mapping/web@{mapping["metadata"]!["resourceVersion"]}");
        objects.Add($"Mapping/web-canary exists: {await serve.MappingAsync("web-canary") is JsonObject}");
        objects.Sort(StringComparer.Ordinal);
        return objects;
    }
}
