using System.Text.Json.Nodes;
using KubeEmulator.Ambassador;
using KubeEmulator.Controllers;
using KubeEmulator.Store;
using KubeEmulator.Time;

namespace KubeEmulator.Tests.Ambassador;

/// <summary>A store with the Deployment controller and an Emissary Deployment of two pods, ready; apps and Mappings are added per test.</summary>
internal sealed class SimulatedCluster : IDisposable
{
    public static readonly TimeSpan ReadyDelay = TimeSpan.FromSeconds(5);

    public SimulatedCluster(int ambassadorReplicas = 2, DeploymentControllerOptions? controller = null)
    {
        Store = new ObjectStore(Clock);
        Controller = new DeploymentController(Store, Clock, controller ?? new DeploymentControllerOptions { ReadyDelay = ReadyDelay });
        Store.Create(ResourceType.Deployments, "emissary", EmissaryObjects.Deployment(replicas: ambassadorReplicas));
        Store.Create(ResourceType.Services, "emissary", EmissaryObjects.AdminService());
        Clock.Advance(ReadyDelay);
    }

    public VirtualClock Clock { get; } = new();

    public ObjectStore Store { get; }

    public DeploymentController Controller { get; }

    public AmbassadorSimulator Ambassador { get; private set; } = null!;

    public AmbassadorSimulator StartAmbassador(AmbassadorSimulatorOptions? options = null)
    {
        Clock.Advance(ReadyDelay); // Every app pod created so far is ready before traffic starts.
        Ambassador = new AmbassadorSimulator(Store, Clock, options);
        return Ambassador;
    }

    /// <summary>A Deployment and its Service (selector app=name) in "default".</summary>
    public void AddApp(string name, string image, int replicas = 2)
    {
        Store.Create(ResourceType.Deployments, "default", Deployment(name, image, replicas, new JsonObject { ["app"] = name }));
        Store.Create(ResourceType.Services, "default", new JsonObject
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

    public void AddMapping(string name, JsonObject spec, string version = "v3alpha1") =>
        Store.Create(ResourceType.Mappings, "default", new JsonObject
        {
            ["apiVersion"] = $"getambassador.io/{version}",
            ["kind"] = "Mapping",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = spec,
        });

    public static JsonObject Spec(string service, string prefix = "/", JsonObject? extra = null)
    {
        var spec = new JsonObject { ["prefix"] = prefix, ["service"] = service };
        foreach (var (key, value) in extra ?? [])
        {
            spec[key] = value?.DeepClone();
        }

        return spec;
    }

    public List<string> AmbassadorPodNames() =>
        Store.List(ResourceType.Pods, "emissary").Select(p => p["metadata"]!["name"]!.GetValue<string>()).ToList();

    public void Dispose()
    {
        Ambassador?.Dispose();
        Controller.Dispose();
    }

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
