using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>Rollback, bad input and the write-order guarantees, against the emulator.</summary>
public sealed class RolloutEngineSafetyTests
{
    [TestCase(MappingDialect.V2)]
    [TestCase(MappingDialect.Annotation)]
    public async Task A_canary_that_never_gets_ready_is_rolled_back_without_ever_getting_traffic(MappingDialect dialect)
    {
        await using var cluster = await EngineCluster.StartAsync(dialect == MappingDialect.Annotation ? KubeEmulator.AmbassadorCrdSet.None : KubeEmulator.AmbassadorCrdSet.Emissary3);
        await cluster.SeedAsync(dialect);
        cluster.Emulator.Requests.Clear();

        var outcome = await cluster.Engine(EngineCluster.Spec(EngineCluster.BadImage)).RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack), outcome.Message);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack));
            Assert.That(outcome.History.Select(h => h.To), Is.EqualTo(new[] { RolloutPhase.CanaryDeploying, RolloutPhase.RollingBack, RolloutPhase.RolledBack }));
            Assert.That(outcome.History[1].Reason, Does.Contain("canary"));
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:1"));
            Assert.That(cluster.Emulator.Requests.WritesTo("deployments", "web"), Is.Empty, "a rollback touched the primary");
            Assert.That(cluster.Deployment("web-canary"), Is.Null);
            Assert.That(cluster.Service("web-canary"), Is.Null);
            Assert.That(cluster.Safety.MaxWeight, Is.Zero);
            Assert.That(cluster.Safety.Violations, Is.Empty);
            Assert.That(cluster.Events().Where(e => e.Reason == "CanaryRolledBack").Select(e => e.Type), Is.EqualTo(new[] { "Warning" }));
        });
    }

    [Test]
    public async Task A_canary_that_breaks_mid_rollout_loses_its_weight_before_anything_is_removed()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var engine = cluster.Engine(EngineCluster.Spec());
        for (var i = 0; i < 8 && cluster.State()?.Weight != 30; i++)
        {
            await engine.RunAsync(RunMode.Step, CancellationToken.None);
            cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.That(cluster.State()!.Weight, Is.EqualTo(30));
        cluster.Emulator.Store.Update(KubeEmulator.Store.ResourceType.Deployments, EngineCluster.Ns, "web-canary", d =>
        {
            d["status"]!["availableReplicas"] = 0;
            return d;
        }, statusOnly: true);
        cluster.Emulator.Requests.Clear();

        var outcome = await engine.RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack), outcome.Message);
        var writes = cluster.Emulator.Requests.Writes().Where(r => r.Resource is "mappings" or "services" or "deployments").Select(r => $"{r.Verb} {r.Resource}/{r.Name}").ToList();
        Assert.That(writes, Is.EqualTo(new[]
        {
            "update mappings/web-canary",
            "delete mappings/web-canary",
            "delete mappings/web-canary-header",
            "delete services/web-canary",
            "delete deployments/web-canary",
        }), "weight 0 first, then the Mappings, the Service and the Deployment");
    }

    [Test]
    public async Task A_weighted_primary_Mapping_is_bad_input_and_nothing_is_written()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2, extraSpec: new System.Text.Json.Nodes.JsonObject { ["weight"] = 100 });
        cluster.Emulator.Requests.Clear();

        var outcome = await cluster.Engine(EngineCluster.Spec()).RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(outcome.Message, Does.StartWith("Mapping prod/web has weight 100: the primary Mapping must carry no weight"));
            Assert.That(cluster.Emulator.Requests.All, Is.Not.Empty, "the engine read the cluster");
            Assert.That(cluster.Emulator.Requests.Writes(), Is.Empty);
        });
    }

    [TestCase("deployment", "web", "nope", "Deployment prod/nope not found")]
    [TestCase("container", "web", "web", "has no container 'api'")]
    [TestCase("mapping", "absent", "web", "Mapping prod/absent (getambassador.io/v2) not found")]
    public async Task Other_bad_input_is_reported_before_any_write(string what, string mapping, string deployment, string message)
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var spec = EngineCluster.Spec() with
        {
            Target = new TargetSpec { Namespace = EngineCluster.Ns, Deployment = deployment, Service = "web", Images = new Dictionary<string, string> { [what == "container" ? "api" : "web"] = "web:2" } },
            Route = new RouteSpec { Mapping = mapping },
        };
        cluster.Emulator.Requests.Clear();

        var outcome = await cluster.Engine(spec).RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(outcome.Message, Does.Contain(message));
        Assert.That(cluster.Emulator.Requests.Writes(), Is.Empty);
    }

    [Test]
    public async Task A_namespace_qualified_https_service_keeps_its_scheme_namespace_and_port()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2, service: "https://web.prod:8443");
        var engine = cluster.Engine(EngineCluster.Spec());
        for (var i = 0; i < 4 && cluster.State()?.Phase != RolloutPhase.Progressing; i++)
        {
            await engine.RunAsync(RunMode.Step, CancellationToken.None);
            cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        var canary = cluster.Mapping("web-canary")!;
        var header = cluster.Mapping("web-canary-header")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)canary["spec"]!["service"], Is.EqualTo("https://web-canary.prod:8443"));
            Assert.That((int?)canary["spec"]!["weight"], Is.EqualTo(10));
            Assert.That((string?)header["spec"]!["service"], Is.EqualTo("https://web-canary.prod:8443"));
            Assert.That((string?)header["spec"]!["headers"]!["x-canary"], Is.EqualTo("always"));
            Assert.That(header["spec"]!["weight"], Is.Null);
        });

        var outcome = await engine.RunAsync(RunMode.Rollout, CancellationToken.None);
        Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.Succeeded), outcome.Message);
        Assert.That((string?)cluster.Mapping("web")!["spec"]!["service"], Is.EqualTo("https://web.prod:8443"));
    }
}
