using System.Text.Json.Nodes;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Preview;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Lifecycle;
using AmbassadorCanary.Tests.Routing;
using KubeEmulator;
using KubeEmulator.Ambassador;
using KubeEmulator.Store;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Preview;

/// <summary>The preview through KubernetesClient against the emulator, with the simulated Emissary routing real traffic.</summary>
public sealed class PreviewDeployerTests
{
    private const string Name = "pr-7";
    private const string BaseUrl = "https://shop.example.com";

    private static readonly HeaderRouteSpec HeaderRoute = new() { Name = Name, Header = "x-preview", Value = Name };
    private static readonly HeaderRouteSpec CookieRoute = new() { Name = Name, Cookie = "preview=pr-7" };

    private static AmbassadorSimulatorOptions Emissary(TrafficSegment segment) => new()
    {
        Traffic = new TrafficProfile { RequestsPerSecond = 50, Path = "/web/", Segments = [segment] },
    };

    [TestCase(AmbassadorCrdSet.Emissary4, MappingDialect.V3Alpha1, "v3alpha1")]
    [TestCase(AmbassadorCrdSet.Emissary3, MappingDialect.V2, "v2")]
    [TestCase(AmbassadorCrdSet.Emissary3, MappingDialect.V1, "v1")]
    public async Task Preview_creates_deployment_and_service_then_only_after_readiness_the_header_mapping(AmbassadorCrdSet crds, MappingDialect dialect, string version)
    {
        await using var cluster = await EngineCluster.StartAsync(crds);
        await cluster.SeedAsync(dialect);
        using var writes = new ClusterWriteLog(cluster.Emulator.Store);

        var outcome = await Deployer(cluster, "web:2", HeaderRoute).DeployAsync(BaseUrl, CancellationToken.None);

        var deployment = cluster.Deployment("web-pr-7")!;
        var service = cluster.Service("web-pr-7")!;
        var mapping = cluster.Mapping("web-pr-7", version)!;
        var mappingAdded = writes.IndexOf(ChangeType.Added, ResourceType.Mappings, "web-pr-7");
        var validator = crds == AmbassadorCrdSet.Emissary4 ? GoldenFiles.Emissary4 : GoldenFiles.Emissary3;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True, outcome.Message);
            Assert.That(outcome.Url, Is.EqualTo("https://shop.example.com/web/"));
            Assert.That(writes.AddsAndDeletes("web-pr-7"), Is.EqualTo(new[] { "Added Deployment web-pr-7", "Added Service web-pr-7", "Added Mapping web-pr-7" }));
            Assert.That(writes.WasReadyBefore("web-pr-7", mappingAdded), Is.True, "the Mapping is written only once the preview is ready");
            Assert.That(deployment.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:2"));
            Assert.That(deployment.Spec.Selector.MatchLabels, Is.EquivalentTo(new Dictionary<string, string> { ["app"] = "web-pr-7", ["canary.ambassador/role"] = "preview", ["canary.ambassador/preview"] = Name }));
            Assert.That(deployment.Spec.Template.Metadata.Labels["app"], Is.EqualTo("web-pr-7"), "the primary Service (app: web) never selects preview pods");
            Assert.That(deployment.Spec.Template.Metadata.Labels["tier"], Is.EqualTo("frontend"), "other labels are kept");
            Assert.That(deployment.Spec.Template.Metadata.Labels["canary.ambassador/role"], Is.EqualTo("preview"));
            Assert.That(service.Spec.Selector, Is.EquivalentTo(deployment.Spec.Selector.MatchLabels));
            Assert.That(service.Spec.Ports.Single().Port, Is.EqualTo(8080));
            Assert.That((string?)mapping["spec"]!["service"], Is.EqualTo("web-pr-7.prod:8080"));
            Assert.That((string?)mapping["spec"]!["headers"]!["x-preview"], Is.EqualTo(Name));
            Assert.That((string?)mapping["spec"]!["prefix"], Is.EqualTo("/web/"));
            Assert.That((int?)mapping["spec"]!["timeout_ms"], Is.EqualTo(4000), "routing keys of the primary are kept");
            Assert.That(mapping["spec"]!["weight"], Is.Null);
            Assert.That((string?)mapping["metadata"]!["labels"]!["canary.ambassador/role"], Is.EqualTo("preview"));
            Assert.That(cluster.Mapping("web-canary", version), Is.Null, "a preview writes no canary route");
            Assert.That(validator.Validate(version, Served(mapping)).Violations, Is.Empty);
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Only_requests_with_the_header_or_cookie_reach_the_preview(bool cookie)
    {
        var segment = cookie
            ? new TrafficSegment { Share = 0.2, Cookie = "preview=pr-7" }
            : new TrafficSegment { Share = 0.2, Headers = new Dictionary<string, string> { ["x-preview"] = Name } };
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary4, Emissary(segment));
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        var outcome = await Deployer(cluster, "web:pr7", cookie ? CookieRoute : HeaderRoute).DeployAsync(null, CancellationToken.None);
        var before = cluster.Ambassador!.GetTraffic();

        cluster.Clock.Advance(TimeSpan.FromMinutes(2));

        var after = cluster.Ambassador.GetTraffic();
        var total = after.Requests - before.Requests;
        var preview = after.MappingRequests("prod/web-pr-7") - before.MappingRequests("prod/web-pr-7");
        var primary = after.MappingRequests("prod/web") - before.MappingRequests("prod/web");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True, outcome.Message);
            Assert.That(total, Is.EqualTo(6000));
            Assert.That(preview, Is.InRange(1000, 1400), "the 20 % segment that carries the header or cookie");
            Assert.That(preview + primary, Is.EqualTo(total), "everything else still goes to the primary");
            Assert.That(after.Images.GetValueOrDefault("web:pr7") - before.Images.GetValueOrDefault("web:pr7"), Is.EqualTo(preview), "only the preview route reaches preview pods");
            Assert.That(after.Unrouted, Is.Zero);
        });
    }

    [Test]
    public async Task Annotation_dialect_puts_the_route_on_the_preview_Service_once_ready_and_cleanup_removes_it_first()
    {
        var segment = new TrafficSegment { Share = 0.25, Headers = new Dictionary<string, string> { ["x-preview"] = Name } };
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary3, Emissary(segment));
        await cluster.SeedAsync(MappingDialect.Annotation);
        using var writes = new ClusterWriteLog(cluster.Emulator.Store);

        var outcome = await Deployer(cluster, "web:pr7", HeaderRoute, MappingDialect.Annotation).DeployAsync(null, CancellationToken.None);
        var annotated = writes.Changes.ToList().FindIndex(c => c.Resource == ResourceType.Services && c.Name == "web-pr-7"
            && c.Object["metadata"]?["annotations"]?[MappingDialects.AnnotationKey] is not null);
        var yaml = cluster.Service("web-pr-7")!.Metadata.Annotations[MappingDialects.AnnotationKey];
        var before = cluster.Ambassador!.GetTraffic();
        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = cluster.Ambassador.GetTraffic();
        var cleanup = await Deployer(cluster, "web:pr7", HeaderRoute, MappingDialect.Annotation).CleanupAsync(CancellationToken.None);

        var doc = AnnotationYaml.Read(yaml).Single();
        var preview = after.Images.GetValueOrDefault("web:pr7") - before.Images.GetValueOrDefault("web:pr7");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True, outcome.Message);
            Assert.That(annotated, Is.GreaterThan(0));
            Assert.That(writes.WasReadyBefore("web-pr-7", annotated), Is.True, "the route is added only once the preview is ready");
            Assert.That((string?)doc["name"], Is.EqualTo("web-pr-7"));
            Assert.That((string?)doc["service"], Is.EqualTo("web-pr-7.prod:8080"));
            Assert.That((string?)doc["headers"]?["x-preview"], Is.EqualTo(Name));
            Assert.That(preview, Is.InRange(600, 900), "the 25 % with the header, of 3000");
            Assert.That(after.Requests - before.Requests - preview, Is.EqualTo(after.Images.GetValueOrDefault("web:1") - before.Images.GetValueOrDefault("web:1")), "the rest still reaches the primary");
            Assert.That(cleanup.Message, Does.Contain("Mapping web-pr-7, Service web-pr-7, Deployment web-pr-7"));
        });
    }

    [Test]
    public async Task A_rerun_with_a_new_commit_updates_the_images_in_place()
    {
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        await Deployer(cluster, "web:pr7-a", HeaderRoute).DeployAsync(BaseUrl, CancellationToken.None);
        using var writes = new ClusterWriteLog(cluster.Emulator.Store);

        var second = await Deployer(cluster, "web:pr7-b", HeaderRoute).DeployAsync(BaseUrl, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(second.Succeeded, Is.True, second.Message);
            Assert.That(cluster.Deployment("web-pr-7")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:pr7-b"));
            Assert.That(writes.AddsAndDeletes("web-pr-7"), Is.Empty, "updated in place, nothing recreated");
            Assert.That(cluster.Mapping("web-pr-7", "v3alpha1"), Is.Not.Null);
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:1"), "the primary is never touched");
        });
    }

    [Test]
    public async Task An_unready_preview_never_gets_a_mapping()
    {
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        using var writes = new ClusterWriteLog(cluster.Emulator.Store);

        var outcome = await Deployer(cluster, EngineCluster.BadImage, HeaderRoute).DeployAsync(BaseUrl, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Message, Does.Contain("not ready"));
            Assert.That(writes.Changes.Where(c => c.Resource == ResourceType.Mappings), Is.Empty);
            Assert.That(cluster.Mapping("web-pr-7", "v3alpha1"), Is.Null);
            Assert.That(cluster.Deployment("web-pr-7"), Is.Not.Null, "left for inspection; preview-cleanup removes it");
        });
    }

    [Test]
    public async Task Cleanup_removes_mapping_then_service_then_deployment_and_is_idempotent()
    {
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary3);
        await cluster.SeedAsync(MappingDialect.V2);
        await Deployer(cluster, "web:2", HeaderRoute).DeployAsync(BaseUrl, CancellationToken.None);
        using var writes = new ClusterWriteLog(cluster.Emulator.Store);

        var first = await Deployer(cluster, "web:2", HeaderRoute).CleanupAsync(CancellationToken.None);
        var second = await Deployer(cluster, "web:2", HeaderRoute).CleanupAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Succeeded, Is.True);
            Assert.That(writes.AddsAndDeletes("web-pr-7"), Is.EqualTo(new[] { "Deleted Mapping web-pr-7", "Deleted Service web-pr-7", "Deleted Deployment web-pr-7" }));
            Assert.That(first.Message, Does.Contain("Mapping web-pr-7, Service web-pr-7, Deployment web-pr-7"));
            Assert.That(second.Succeeded, Is.True);
            Assert.That(second.Message, Does.Contain("nothing to remove"));
            Assert.That(cluster.Mapping("web", "v2"), Is.Not.Null, "the primary route stays");
            Assert.That(cluster.Deployment("web"), Is.Not.Null);
        });
    }

    [Test]
    public async Task A_preview_and_a_canary_rollout_of_the_same_target_do_not_disturb_each_other()
    {
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        await Deployer(cluster, "web:pr7", HeaderRoute).DeployAsync(BaseUrl, CancellationToken.None);

        // Found by prefix: the preview's Mapping (same prefix) must not be taken for a second primary.
        var spec = EngineCluster.Spec("web:2") with { Route = new RouteSpec { Prefix = "/web/" } };
        var rollout = await cluster.Engine(spec).RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(rollout.Phase, Is.EqualTo(RolloutPhase.Succeeded), rollout.Message);
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:2"));
            Assert.That(cluster.Deployment("web-pr-7")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:pr7"));
            Assert.That(cluster.Mapping("web-pr-7", "v3alpha1"), Is.Not.Null, "the rollout's cleanup leaves the preview alone");
            Assert.That(cluster.Service("web-pr-7"), Is.Not.Null);
        });
    }

    private static PreviewDeployer Deployer(EngineCluster cluster, string image, HeaderRouteSpec route, MappingDialect dialect = MappingDialect.Auto)
    {
        var spec = EngineCluster.Spec(image) with { HeaderRoute = route, Route = new RouteSpec { Mapping = "web", Dialect = dialect } };
        return new PreviewDeployer(cluster.Client, spec, route, new VirtualClockPacer(cluster.Clock), cluster.Clock, NullLoggerFactory.Instance);
    }

    /// <summary>The Mapping as served in its version, without what the server adds (status).</summary>
    private static JsonObject Served(JsonObject mapping)
    {
        var copy = (JsonObject)mapping.DeepClone();
        copy.Remove("status");
        return copy;
    }
}
