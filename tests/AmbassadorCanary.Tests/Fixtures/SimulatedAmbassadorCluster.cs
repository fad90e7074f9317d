using System.Text.Json.Nodes;
using KubeEmulator;
using KubeEmulator.Ambassador;
using KubeEmulator.Controllers;
using KubeEmulator.Store;

namespace AmbassadorCanary.Tests.Fixtures;

/// <summary>One backend version behind the primary Mapping "web": a Deployment + Service + canary-style weighted Mapping.</summary>
public sealed record SimulatedBackend(string Name, string Image, int Weight, BackendBehaviour Behaviour);

/// <summary>
/// A cluster with the simulated Emissary: the Deployment controller, an Emissary Deployment (label
/// app.kubernetes.io/name=emissary-ingress, namespace "emissary"), the primary app "web" in "shop" behind Mapping
/// "web" (stats_name "web") and weighted backends (stats_name = their name). Optionally served by the Kubernetes
/// API emulator, whose pod proxy reaches the simulated Ambassador's admin port.
/// </summary>
public sealed class SimulatedAmbassadorCluster : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string AmbassadorNamespace = "emissary";
    public const string PrimaryImage = "example/web:1.0";

    private readonly DeploymentController _controller;

    private SimulatedAmbassadorCluster(ObjectStore store, TimeProvider time, DeploymentController controller, KubeApiEmulator? emulator)
    {
        Store = store;
        Time = time;
        _controller = controller;
        Emulator = emulator;
    }

    public ObjectStore Store { get; }

    public TimeProvider Time { get; }

    public KubeApiEmulator? Emulator { get; }

    public AmbassadorSimulator Ambassador { get; private set; } = null!;

    /// <summary>
    /// Builds the cluster. With a VirtualClock the pods become ready after 5 s of simulated time (advanced here);
    /// with the system clock they are ready at once.
    /// </summary>
    public static async Task<SimulatedAmbassadorCluster> StartAsync(
        TimeProvider time, IReadOnlyList<SimulatedBackend> backends, double requestsPerSecond, int ambassadorReplicas = 2, bool withApiServer = false,
        CancellationToken cancellationToken = default)
    {
        AmbassadorSimulator? simulator = null;
        KubeApiEmulator? emulator = null;
        ObjectStore store;
        if (withApiServer)
        {
            emulator = await KubeApiEmulator.StartAsync(
                new EmulatorOptions { Time = time, PodProxy = (request, ct) => simulator is null ? Task.FromResult<PodProxyResponse?>(null) : simulator.PodProxy(request, ct) },
                cancellationToken);
            store = emulator.Store;
        }
        else
        {
            store = new ObjectStore(time);
        }

        var clock = time as KubeEmulator.Time.VirtualClock;
        var readyDelay = clock is null ? TimeSpan.Zero : TimeSpan.FromSeconds(5);
        var controller = new DeploymentController(store, time, new DeploymentControllerOptions { ReadyDelay = readyDelay });
        var cluster = new SimulatedAmbassadorCluster(store, time, controller, emulator);
        store.Create(ResourceType.Deployments, AmbassadorNamespace, Deployment("emissary-ingress", "docker.io/emissaryingress/emissary:3.10.0", ambassadorReplicas,
            new JsonObject { ["app.kubernetes.io/name"] = "emissary-ingress" }));
        cluster.AddApp("web", PrimaryImage);
        cluster.AddMapping("web", new JsonObject { ["prefix"] = "/", ["service"] = "web", ["stats_name"] = "web" });
        foreach (var backend in backends)
        {
            cluster.AddApp(backend.Name, backend.Image);
            cluster.AddMapping(backend.Name, new JsonObject { ["prefix"] = "/", ["service"] = backend.Name, ["stats_name"] = backend.Name, ["weight"] = backend.Weight });
        }

        if (clock is not null)
        {
            clock.Advance(readyDelay);
        }
        else
        {
            // On the system clock the controller readies pods from its own timers: start traffic only once all are.
            var expected = ambassadorReplicas + (2 * (backends.Count + 1));
            await BoundedPoll.UntilAsync("all simulated pods ready", _ => Task.FromResult(cluster.ReadyPods() == expected),
                attempts: 200, TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        var images = backends.ToDictionary(b => b.Image, b => b.Behaviour, StringComparer.Ordinal);
        images[PrimaryImage] = BackendBehaviour.Healthy;
        simulator = new AmbassadorSimulator(store, time, new AmbassadorSimulatorOptions
        {
            Traffic = new TrafficProfile { RequestsPerSecond = requestsPerSecond },
            Images = images,
        });
        cluster.Ambassador = simulator;
        return cluster;
    }

    public List<string> AmbassadorPodNames() =>
        Store.List(ResourceType.Pods, AmbassadorNamespace).Select(p => p["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    private int ReadyPods() => Store.List(ResourceType.Pods, null).Count(p =>
        (p["status"]?["conditions"] as JsonArray ?? []).Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True"));

    public async ValueTask DisposeAsync()
    {
        Ambassador?.Dispose();
        _controller.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    private void AddApp(string name, string image)
    {
        Store.Create(ResourceType.Deployments, Namespace, Deployment(name, image, 2, new JsonObject { ["app"] = name }));
        Store.Create(ResourceType.Services, Namespace, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["app"] = name },
                ["ports"] = new JsonArray(new JsonObject { ["port"] = 80, ["targetPort"] = 8080 }),
            },
        });
    }

    private void AddMapping(string name, JsonObject spec) =>
        Store.Create(ResourceType.Mappings, Namespace, new JsonObject
        {
            ["apiVersion"] = "getambassador.io/v3alpha1",
            ["kind"] = "Mapping",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        });

    private static JsonObject Deployment(string name, string image, int replicas, JsonObject labels) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image }) },
            },
        },
    };
}
