using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using KubeEmulator.Ambassador;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>
/// The engine with the real metrics analysis (Envoy stats through the pod proxy) against the simulated Emissary:
/// traffic follows the weights the engine writes, and a canary that serves errors is rolled back by its metrics.
/// </summary>
public sealed class RolloutEngineAnalysisTests
{
    private static readonly AmbassadorSimulatorOptions Emissary = new()
    {
        Traffic = new TrafficProfile { RequestsPerSecond = 50, Path = "/web/" },
        Images = new Dictionary<string, BackendBehaviour> { ["web:2-errors"] = new() { ErrorRate = 0.2 } },
    };

    [Test]
    public async Task A_healthy_canary_gets_its_share_of_traffic_and_is_promoted()
    {
        await using var cluster = await EngineCluster.StartAsync(KubeEmulator.AmbassadorCrdSet.Emissary4, Emissary);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        var spec = EngineCluster.Spec("web:2");

        var outcome = await cluster.Engine(spec, analysis: CanaryAnalysisFactory.Create(spec, cluster.Client, null, null)).RunAsync(RunMode.Rollout, CancellationToken.None);

        var traffic = cluster.Ambassador!.GetTraffic();
        var state = cluster.State()!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.Succeeded), outcome.Message);
            Assert.That(state.Analysis, Has.Count.EqualTo(3), "one analysis per weight step");
            Assert.That(state.Analysis.SelectMany(a => a.Checks).Select(c => c.Outcome), Has.None.EqualTo(CheckOutcome.Fail));
            Assert.That(state.FailedChecks, Is.Zero);
            Assert.That(traffic.MappingRequests("prod/web-canary"), Is.GreaterThan(0));
            Assert.That(traffic.Cluster("prod-web-canary").Responses, Is.GreaterThan(0), "canary stats under its stats_name");
            Assert.That(traffic.Cluster("prod-web-primary").Responses, Is.GreaterThan(traffic.Cluster("prod-web-canary").Responses));
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
    }

    [Test]
    public async Task A_canary_serving_errors_is_rolled_back_by_its_metrics()
    {
        await using var cluster = await EngineCluster.StartAsync(KubeEmulator.AmbassadorCrdSet.Emissary4, Emissary);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        var spec = EngineCluster.Spec("web:2-errors") with { FailureLimit = 1 };

        var outcome = await cluster.Engine(spec, analysis: CanaryAnalysisFactory.Create(spec, cluster.Client, null, null)).RunAsync(RunMode.Rollout, CancellationToken.None);

        var state = cluster.State()!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack), outcome.Message);
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack));
            Assert.That(outcome.History.Select(h => h.To), Does.Not.Contain(RolloutPhase.Promoting));
            Assert.That(state.Analysis.SelectMany(a => a.Checks), Has.Some.Matches<CheckResult>(c => c!.Outcome == CheckOutcome.Fail));
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:1"));
            Assert.That(cluster.Safety.MaxWeight, Is.LessThanOrEqualTo(30));
            Assert.That(cluster.Mapping("web-canary", "v3alpha1"), Is.Null);
        });
    }
}
