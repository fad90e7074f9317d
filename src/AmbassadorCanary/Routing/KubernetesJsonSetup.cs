using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;

namespace AmbassadorCanary.Routing;

/// <summary>Mappings travel through client.CustomObjects as JsonObject; the AOT client needs their type info registered once.</summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CustomObjectJsonContext : JsonSerializerContext;

public static class KubernetesJsonSetup
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Call before the first Kubernetes call of the process (the options freeze on first use). Idempotent.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            KubernetesJson.AddJsonOptions(o => o.TypeInfoResolverChain.Add(CustomObjectJsonContext.Default));
            _registered = true;
        }
    }
}
