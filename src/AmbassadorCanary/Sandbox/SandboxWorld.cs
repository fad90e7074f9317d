using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace AmbassadorCanary.Sandbox;

/// <summary>The demo cluster every sandbox run starts from: an app "web" behind Emissary, two Ambassador pods.</summary>
internal static class SandboxWorld
{
    public const string AppNamespace = "demo";
    public const string AmbassadorNamespace = "emissary";
    public const string App = "web";
    public const string StableImage = "ghcr.io/example/web:1.0.0";
    public const string CanaryImage = "ghcr.io/example/web:2.0.0";
    public const string AmbassadorImage = "docker.io/emissaryingress/emissary:3.10.0";

    public static void Seed(ObjectStore store, string mappingApiVersion)
    {
        store.Create(ResourceType.Namespaces, null, Namespace(AppNamespace));
        store.Create(ResourceType.Namespaces, null, Namespace(AmbassadorNamespace));
        store.Create(ResourceType.Deployments, AmbassadorNamespace,
            Deployment("emissary-ingress", new JsonObject { ["app.kubernetes.io/name"] = "emissary-ingress" }, AmbassadorImage, "ambassador", replicas: 2));
        store.Create(ResourceType.Deployments, AppNamespace,
            Deployment(App, new JsonObject { ["app"] = App }, StableImage, App, replicas: 3));
        store.Create(ResourceType.Services, AppNamespace, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = App, ["labels"] = new JsonObject { ["app"] = App } },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["app"] = App },
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["targetPort"] = 8080, ["protocol"] = "TCP" }),
            },
        });
        var spec = new JsonObject { ["prefix"] = "/web/", ["service"] = $"{App}.{AppNamespace}:80" };
        if (mappingApiVersion.EndsWith("v3alpha1", StringComparison.Ordinal))
        {
            spec["hostname"] = "*";
        }

        store.Create(ResourceType.Mappings, AppNamespace, new JsonObject
        {
            ["apiVersion"] = mappingApiVersion,
            ["kind"] = "Mapping",
            ["metadata"] = new JsonObject { ["name"] = App },
            ["spec"] = spec,
        });
    }

    private static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    private static JsonObject Deployment(string name, JsonObject labels, string image, string container, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels.DeepClone() },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["progressDeadlineSeconds"] = 120,
            ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = container,
                        ["image"] = image,
                        ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["name"] = "http" }),
                    }),
                },
            },
        },
    };
}
