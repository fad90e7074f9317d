using System.Text.Json.Nodes;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using k8s;
using k8s.Models;
using KubeEmulator;
using KubeEmulator.Ambassador;
using KubeEmulator.Controllers;
using KubeEmulator.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmbassadorCanary.Tests.Analysis.EndToEnd;

/// <summary>
/// A whole rollout on the real clock: SimulatedCluster (API emulator, Deployment controller with a 1 s ready delay,
/// simulated Emissary sending steady traffic to /web/), its metrics endpoint scraped every second by the real
/// Prometheus, and the engine with the Prometheus analysis built by CanaryAnalysisFactory, all through the real
/// KubernetesClient. Target: Deployment, Service and v3alpha1 Mapping "web" in namespace "prod".
/// </summary>
internal sealed class PrometheusRolloutCluster : IAsyncDisposable
{
    public const string Ns = "prod";
    public const string FaultyImage = "web:2-faulty";

    private PrometheusRolloutCluster(SimulatedCluster cluster, MetricsEndpoint endpoint, PrometheusServer prometheus, Kubernetes client)
    {
        Cluster = cluster;
        Endpoint = endpoint;
        Prometheus = prometheus;
        Client = client;
    }

    public SimulatedCluster Cluster { get; }

    public MetricsEndpoint Endpoint { get; }

    public PrometheusServer Prometheus { get; }

    public Kubernetes Client { get; }

    /// <summary>Starts everything and seeds the target with a ready primary (web:1). Traffic: requestsPerSecond to /web/; FaultyImage answers 10 % 500s.</summary>
    public static async Task<PrometheusRolloutCluster> StartAsync(double requestsPerSecond, CancellationToken cancellationToken)
    {
        KubernetesJsonSetup.Register();
        var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions
        {
            Emulator = new EmulatorOptions
            {
                Time = TimeProvider.System,
                CrdSet = AmbassadorCrdSet.Emissary3,
                CrdDirectory = Path.Combine(Routing.GoldenFiles.SharedDir, "crds"),
            },
            Deployments = new DeploymentControllerOptions { ReadyDelay = TimeSpan.FromSeconds(1) },
            Ambassador = new AmbassadorSimulatorOptions
            {
                Traffic = new TrafficProfile { RequestsPerSecond = requestsPerSecond, Path = "/web/" },
                Images = new Dictionary<string, BackendBehaviour> { [FaultyImage] = new() { ErrorRate = 0.10 } },
            },
        }, cancellationToken);
        MetricsEndpoint? endpoint = null;
        Kubernetes? client = null;
        try
        {
            cluster.Store.Create(ResourceType.Deployments, "emissary", EmissaryObjects.Deployment(replicas: 2));
            client = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.Api.BaseAddress.ToString() });
            await SeedAsync(client, cancellationToken);
            await BoundedPoll.UntilAsync("primary web ready", async ct =>
                (await client.AppsV1.ReadNamespacedDeploymentAsync("web", Ns, cancellationToken: ct)).Status?.AvailableReplicas == 2,
                attempts: 100, TimeSpan.FromMilliseconds(100), cancellationToken);
            endpoint = await cluster.Ambassador.StartMetricsEndpointAsync(cancellationToken);
            var prometheus = await PrometheusServer.StartAsync([endpoint.MetricsUrl], cancellationToken);
            return new PrometheusRolloutCluster(cluster, endpoint, prometheus, client);
        }
        catch
        {
            client?.Dispose();
            if (endpoint is not null)
            {
                await endpoint.DisposeAsync();
            }

            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Steps of 3 s on the system clock, the Prometheus provider, static checks and the judge at their defaults.</summary>
    public RolloutSpec Spec(string image, int failureLimit, int noDataLimit) => new()
    {
        Target = new TargetSpec { Namespace = Ns, Deployment = "web", Images = new Dictionary<string, string> { ["web"] = image } },
        Route = new RouteSpec { Mapping = "web" },
        Steps = [new WeightStep(10), new WeightStep(20), new WeightStep(30), new WeightStep(40), new WeightStep(50)],
        Interval = TimeSpan.FromSeconds(3),
        ProgressDeadline = TimeSpan.FromSeconds(30),
        Timeout = TimeSpan.FromMinutes(2),
        FailureLimit = failureLimit,
        Analysis = new AnalysisSpec
        {
            Provider = MetricsProviderKind.Prometheus,
            Prometheus = new PrometheusSpec { Url = Prometheus.Url },
            NoDataLimit = noDataLimit,
        },
    };

    /// <summary>The engine as the CLI composes it: CanaryAnalysisFactory over a PrometheusClient, paced by the system clock.</summary>
    public RolloutEngine Engine(RolloutSpec spec, HttpClient prometheusHttp, IRolloutPacer? pacer = null)
    {
        var prometheus = new PrometheusClient(prometheusHttp, spec.Analysis.Prometheus!, TimeProvider.System);
        var analysis = CanaryAnalysisFactory.Create(spec, Client, prometheus, null);
        return new RolloutEngine(Client, spec, analysis, pacer ?? new TimeProviderPacer(TimeProvider.System), TimeProvider.System, NullLoggerFactory.Instance);
    }

    public string PrimaryImage() => Client.AppsV1.ReadNamespacedDeployment("web", Ns).Spec.Template.Spec.Containers[0].Image;

    public bool CanaryDeploymentExists() => Client.AppsV1.ListNamespacedDeployment(Ns).Items.Any(d => d.Metadata.Name == "web-canary");

    public async ValueTask DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await Endpoint.DisposeAsync();
        Client.Dispose();
        await Cluster.DisposeAsync();
    }

    private static async Task SeedAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { ["app"] = "web" };
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } }, cancellationToken: cancellationToken);
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "web:1", Ports = [new V1ContainerPort { ContainerPort = 8080 }] }] },
                },
            },
        }, Ns, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = labels },
            Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] },
        }, Ns, cancellationToken: cancellationToken);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
        {
            ["apiVersion"] = "getambassador.io/v3alpha1",
            ["kind"] = "Mapping",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = Ns },
            ["spec"] = new JsonObject { ["hostname"] = "*", ["prefix"] = "/web/", ["service"] = "web.prod:8080" },
        }, "getambassador.io", "v3alpha1", Ns, "mappings", cancellationToken: cancellationToken);
    }
}
