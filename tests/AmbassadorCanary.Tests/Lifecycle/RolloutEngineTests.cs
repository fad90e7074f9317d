using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using KubeEmulator;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>Whole rollouts through the real KubernetesClient against the emulator and the simulated Deployment controller.</summary>
public sealed class RolloutEngineTests
{
    [TestCase(AmbassadorCrdSet.Emissary3, MappingDialect.V2, "v2")]
    [TestCase(AmbassadorCrdSet.Emissary3, MappingDialect.V3Alpha1, "v3alpha1")]
    [TestCase(AmbassadorCrdSet.Emissary4, MappingDialect.V3Alpha1, "v3alpha1")]
    [TestCase(AmbassadorCrdSet.None, MappingDialect.Annotation, null)]
    public async Task A_healthy_canary_is_promoted(AmbassadorCrdSet crds, MappingDialect seeded, string? version)
    {
        await using var cluster = await EngineCluster.StartAsync(crds);
        await cluster.SeedAsync(seeded);

        var engine = cluster.Engine(EngineCluster.Spec());
        var seen = new List<string>();
        engine.Transitioned += (_, d) => seen.Add($"{d.Next.Phase}:{d.Next.Weight}");

        var outcome = await engine.RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Success), outcome.Message);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.Succeeded));
            Assert.That(outcome.History.Select(h => $"{h.To}:{h.Weight}"), Is.EqualTo(new[]
            {
                "CanaryDeploying:0", "Progressing:10", "Progressing:30", "Progressing:60", "Promoting:60", "Finalizing:0", "Succeeded:0",
            }));
            Assert.That(seen, Is.EqualTo(outcome.History.Select(h => $"{h.To}:{h.Weight}")), "progress reported per transition");
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:2"));
            Assert.That(cluster.Deployment("web-canary"), Is.Null);
            Assert.That(cluster.Service("web-canary"), Is.Null);
            if (version is not null)
            {
                Assert.That(cluster.Mapping("web-canary", version), Is.Null);
                Assert.That(cluster.Mapping("web-canary-header", version), Is.Null);
                Assert.That((string?)cluster.Mapping("web", version)!["spec"]!["stats_name"], Is.EqualTo("prod-web-primary"));
            }

            Assert.That(cluster.State()!.Phase, Is.EqualTo(RolloutPhase.Succeeded));
            Assert.That(cluster.Events().Select(e => e.Reason), Is.SupersetOf(new[] { "CanaryDeploying", "CanaryProgressing", "CanaryPromoting", "CanarySucceeded" }));
            Assert.That(cluster.Events().Where(e => e.Reason == "CanaryProgressing").Select(e => e.Message), Has.Some.Contains("weight 30"));
            Assert.That(cluster.Safety.MaxWeight, Is.EqualTo(60));
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
    }
}
