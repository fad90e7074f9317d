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

    /// <summary>
    /// Call first thing at startup, before any Kubernetes call or KubernetesJson use of the process: the client's options
    /// freeze on first use and cannot take the context afterwards. Idempotent.
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            try
            {
                KubernetesJson.AddJsonOptions(o => o.TypeInfoResolverChain.Add(CustomObjectJsonContext.Default));
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException(
                    "KubernetesJsonSetup.Register() ran after the first Kubernetes (de)serialisation of this process; call it first thing at startup", e);
            }

            _registered = true;
        }
    }
}
