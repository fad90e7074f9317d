using System.Text.Json.Nodes;
using AmbassadorCanary.Analysis;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using k8s;
using k8s.Models;
using KubeEmulator;
using KubeEmulator.Ambassador;
using KubeEmulator.Controllers;
using KubeEmulator.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>
/// An emulated cluster for engine tests: the API emulator, the simulated Deployment controller on a VirtualClock,
/// a real KubernetesClient over HTTP, and a demo target (Deployment web, Service web, Mapping web in namespace prod).
/// </summary>
internal sealed class EngineCluster : IAsyncDisposable
{
    public const string Ns = "prod";
    public const string BadImage = "web:never-ready";

    private readonly SimulatedCluster _cluster;

    private EngineCluster(VirtualClock clock, SimulatedCluster cluster, Kubernetes client, SafetyMonitor safety, bool withAmbassador)
    {
        _cluster = cluster;
        Clock = clock;
        Client = client;
        Safety = safety;
        Ambassador = withAmbassador ? cluster.Ambassador : null;
    }

    public VirtualClock Clock { get; }

    public KubeApiEmulator Emulator => _cluster.Api;

    public DeploymentController Controller => _cluster.Deployments;

    public Kubernetes Client { get; }

    public SafetyMonitor Safety { get; }

    /// <summary>The simulated Emissary (routing and Envoy stats), when started with one.</summary>
    public AmbassadorSimulator? Ambassador { get; }

    public static async Task<EngineCluster> StartAsync(AmbassadorCrdSet crdSet = AmbassadorCrdSet.Emissary3, AmbassadorSimulatorOptions? ambassadorOptions = null)
    {
        KubernetesJsonSetup.Register();
        var clock = new VirtualClock();
        var cluster = await SimulatedCluster.StartAsync(new SimulatedClusterOptions
        {
            Emulator = new EmulatorOptions { Time = clock, CrdSet = crdSet, CrdDirectory = Path.Combine(Routing.GoldenFiles.SharedDir, "crds") },
            Deployments = new DeploymentControllerOptions
            {
                ReadyDelay = TimeSpan.FromSeconds(20),
                NeverReadyImages = new HashSet<string> { BadImage },
            },
            Ambassador = ambassadorOptions ?? new AmbassadorSimulatorOptions(),
        }, CancellationToken.None);
        var safety = new SafetyMonitor(cluster.Store);
        if (ambassadorOptions is not null)
        {
            cluster.Store.Create(KubeEmulator.Store.ResourceType.Deployments, "emissary", EmissaryObjects.Deployment(replicas: 2));
        }

        return new EngineCluster(clock, cluster, NewClient(cluster.Api), safety, ambassadorOptions is not null);
    }

    public static Kubernetes NewClient(KubeApiEmulator emulator, params DelegatingHandler[] handlers) =>
        new(new KubernetesClientConfiguration { Host = emulator.BaseAddress.ToString() }, handlers);

    /// <summary>Creates namespace, Deployment web (image web:1, 2 replicas), Service web and the primary route, and lets the primary become ready.</summary>
    public async Task SeedAsync(MappingDialect dialect, string service = "web.prod:8080", JsonObject? extraSpec = null)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                ProgressDeadlineSeconds = 120,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "frontend" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "web:1", Ports = [new V1ContainerPort { ContainerPort = 8080 }] }] },
                },
            },
        }, Ns);
        var mappingSpec = new JsonObject { ["prefix"] = "/web/", ["service"] = service, ["timeout_ms"] = 4000 };
        foreach (var (key, value) in extraSpec ?? [])
        {
            mappingSpec[key] = value?.DeepClone();
        }

        var annotations = new Dictionary<string, string>();
        if (dialect == MappingDialect.Annotation)
        {
            var doc = new JsonObject { ["apiVersion"] = "ambassador/v1", ["kind"] = "Mapping", ["name"] = "web" };
            foreach (var (key, value) in mappingSpec)
            {
                doc[key] = value?.DeepClone();
            }

            annotations[MappingDialects.AnnotationKey] = AnnotationYaml.Write([doc]);
        }

        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string> { ["app"] = "web" }, Annotations = annotations },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] },
        }, Ns);
        if (dialect != MappingDialect.Annotation)
        {
            var version = MappingDialects.Version(dialect);
            await Client.CustomObjects.CreateNamespacedCustomObjectAsync(new JsonObject
            {
                ["apiVersion"] = $"getambassador.io/{version}",
                ["kind"] = "Mapping",
                ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = Ns },
                ["spec"] = mappingSpec,
            }, "getambassador.io", version, Ns, "mappings");
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
    }

    public static RolloutSpec Spec(string image = "web:2", params RolloutStep[] steps) => new()
    {
        Target = new TargetSpec { Namespace = Ns, Deployment = "web", Images = new Dictionary<string, string> { ["web"] = image } },
        Route = new RouteSpec { Mapping = "web" },
        Steps = steps.Length == 0 ? [new WeightStep(10), new WeightStep(30), new WeightStep(60)] : steps,
        Interval = TimeSpan.FromMinutes(1),
        ProgressDeadline = TimeSpan.FromMinutes(3),
        Timeout = TimeSpan.FromHours(1),
        HeaderRoute = new HeaderRouteSpec { Header = "x-canary", Value = "always" },
    };

    public RolloutEngine Engine(RolloutSpec spec, string? runId = null, Kubernetes? client = null, ICanaryAnalysis? analysis = null, IRolloutPacer? pacer = null) =>
        new(client ?? Client, spec, analysis ?? new ReadinessOnlyAnalysis(), pacer ?? new VirtualClockPacer(Clock), Clock, NullLoggerFactory.Instance, runId);

    public V1Deployment? Deployment(string name) => Read(() => Client.AppsV1.ReadNamespacedDeployment(name, Ns));

    public V1Service? Service(string name) => Read(() => Client.CoreV1.ReadNamespacedService(name, Ns));

    public JsonObject? Mapping(string name, string version = "v2") =>
        Read(() => Client.CustomObjects.GetNamespacedCustomObject<JsonObject>("getambassador.io", version, Ns, "mappings", name));

    public RolloutState? State() =>
        Read(() => Client.CoreV1.ReadNamespacedConfigMap("web-canary-state", Ns)) is { } map ? RolloutStateStore.Deserialize(map.Data[RolloutStateStore.DataKey]) : null;

    public IReadOnlyList<Corev1Event> Events() => Client.CoreV1.ListNamespacedEvent(Ns).Items.ToList();

    public async ValueTask DisposeAsync()
    {
        Safety.Dispose();
        Client.Dispose();
        await _cluster.DisposeAsync();
    }

    private static T? Read<T>(Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
