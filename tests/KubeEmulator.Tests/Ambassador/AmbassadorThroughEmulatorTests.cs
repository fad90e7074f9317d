using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEmulator.Ambassador;
using KubeEmulator.Controllers;
using KubeEmulator.Tests.Api;
using KubeEmulator.Time;
using NUnit.Framework;

namespace KubeEmulator.Tests.Ambassador;

/// <summary>The whole chain through the real KubernetesClient: Deployments become ready, Mappings route, the pod proxy serves Envoy stats.</summary>
[TestFixture]
public sealed class AmbassadorThroughEmulatorTests : EmulatorFixture
{
    private readonly VirtualClock _clock = new();
    private DeploymentController _controller = null!;
    private AmbassadorSimulator? _ambassador;

    protected override EmulatorOptions CreateOptions() => new()
    {
        CrdDirectory = CrdDir,
        Time = _clock,
        PodProxy = (request, ct) => _ambassador?.PodProxy(request, ct) ?? Task.FromResult<PodProxyResponse?>(null),
    };

    [OneTimeSetUp]
    public void StartSimulation()
    {
        _controller = new DeploymentController(Emulator.Store, _clock, new DeploymentControllerOptions { ReadyDelay = TimeSpan.FromSeconds(5) });
        _ambassador = new AmbassadorSimulator(Emulator.Store, _clock, new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 100 } });
    }

    [OneTimeTearDown]
    public void StopSimulation()
    {
        _ambassador?.Dispose();
        _controller.Dispose();
    }

    [Test]
    public async Task Weighted_mappings_show_in_the_metrics_of_each_ambassador_pod_behind_the_pod_proxy()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "emissary" } });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("emissary-ingress", "emissaryingress/emissary:3.10.0", 2, "app.kubernetes.io/name", "emissary-ingress"), "emissary");
        foreach (var (name, image, replicas) in new[] { ("web", "example/web:1.0", 2), ("web-canary", "example/web:2.0", 1) })
        {
            await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name, image, replicas, "app", name), "default");
            await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Port = 80 }] },
            }, "default");
        }

        await CreateMapping("web", new JsonObject { ["prefix"] = "/", ["service"] = "web", ["hostname"] = "*", ["stats_name"] = "web" });
        await CreateMapping("web-canary", new JsonObject { ["prefix"] = "/", ["service"] = "web-canary", ["hostname"] = "*", ["weight"] = 10, ["stats_name"] = "web-canary" });

        _clock.Advance(TimeSpan.FromSeconds(5));
        var canary = await Client.AppsV1.ReadNamespacedDeploymentStatusAsync("web-canary", "default");
        Assert.That(canary.Status.ReadyReplicas, Is.EqualTo(1));
        Assert.That(canary.Status.Conditions.Single(c => c.Type == "Available").Status, Is.EqualTo("True"));

        _clock.Advance(TimeSpan.FromSeconds(100));
        var pods = await Client.CoreV1.ListNamespacedPodAsync("emissary", labelSelector: "app.kubernetes.io/name=emissary-ingress");
        Assert.That(pods.Items, Has.Count.EqualTo(2));
        double web = 0, webCanary = 0;
        foreach (var pod in pods.Items)
        {
            await using var stream = await Client.CoreV1.ConnectGetNamespacedPodProxyWithPathAsync($"{pod.Metadata.Name}:8877", "emissary", "metrics");
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync();
            PrometheusText.AssertValid(text);
            var samples = PrometheusText.Parse(text);
            web += PrometheusText.Sum(samples, "envoy_cluster_upstream_rq_total", "envoy_cluster_name=web");
            webCanary += PrometheusText.Sum(samples, "envoy_cluster_upstream_rq_total", "envoy_cluster_name=web-canary");
        }

        var routed = _ambassador!.GetTraffic();
        Assert.That(web, Is.EqualTo(routed.Cluster("web").UpstreamRequests));
        Assert.That(webCanary, Is.EqualTo(routed.Cluster("web-canary").UpstreamRequests));
        Assert.That(web + webCanary, Is.EqualTo(10_000));
        Assert.That(100 * webCanary / (web + webCanary), Is.EqualTo(10).Within(1.5));
    }

    private async Task CreateMapping(string name, JsonObject spec) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new JsonObject
            {
                ["apiVersion"] = "getambassador.io/v3alpha1",
                ["kind"] = "Mapping",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = spec,
            },
            "getambassador.io",
            "v3alpha1",
            "default",
            "mappings");

    private static V1Deployment Deployment(string name, string image, int replicas, string labelKey, string labelValue) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [labelKey] = labelValue } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { [labelKey] = labelValue } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image }] },
            },
        },
    };
}
