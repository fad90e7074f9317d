using NUnit.Framework;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeEmulator.Tests.Api;

[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ApiTestJson : JsonSerializerContext;

/// <summary>One emulator per fixture, talked to through the real KubernetesClient.</summary>
public abstract class EmulatorFixture
{
    private static int _jsonRegistered;

    protected KubeApiEmulator Emulator { get; private set; } = null!;

    protected Kubernetes Client { get; private set; } = null!;

    protected static string SharedDir =>
        typeof(EmulatorFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "SharedDir").Value!;

    protected static string CrdDir => Path.Combine(SharedDir, "crds");

    protected virtual EmulatorOptions CreateOptions() => new() { CrdDirectory = CrdDir };

    [OneTimeSetUp]
    public async Task StartEmulator()
    {
        if (Interlocked.Exchange(ref _jsonRegistered, 1) == 0)
        {
            KubernetesJson.AddJsonOptions(o => o.TypeInfoResolverChain.Add(ApiTestJson.Default));
        }

        Emulator = await KubeApiEmulator.StartAsync(CreateOptions(), CancellationToken.None);
        Client = NewClient();
    }

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }

    protected Kubernetes NewClient(TimeSpan? timeout = null) =>
        new(new KubernetesClientConfiguration { Host = Emulator.BaseAddress.ToString(), HttpClientTimeout = timeout ?? TimeSpan.FromSeconds(30) });

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    protected static V1ConfigMap ConfigMap(string name, string value = "1") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Data = new Dictionary<string, string> { ["key"] = value },
    };

    protected static V1Deployment Deployment(string name, string image = "web:1") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "web",
                            Image = image,
                            Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }],
                            Env = [new V1EnvVar { Name = "MODE", Value = "stable" }],
                        },
                    ],
                },
            },
        },
    };

    protected static JsonObject Mapping(string version, string name, string? host = null) => new()
    {
        ["apiVersion"] = $"getambassador.io/{version}",
        ["kind"] = "Mapping",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = "web" } },
        ["spec"] = new JsonObject { ["prefix"] = "/web/", ["service"] = "web:80", ["weight"] = 10 },
    };

    protected static JsonObject AsObject(object result) => result switch
    {
        JsonObject o => o,
        JsonElement e => JsonNode.Parse(e.GetRawText())!.AsObject(),
        _ => JsonNode.Parse(JsonSerializer.Serialize(result, ApiTestJson.Default.JsonNode))!.AsObject(),
    };
}
