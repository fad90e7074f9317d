using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>The API server's defaulting for the fields a rollout reads back (Deployment strategy and deadlines, Service type).</summary>
internal static class Defaults
{
    public static void Apply(ResourceType type, JsonObject obj)
    {
        if (type == ResourceType.Deployments && obj["spec"] is JsonObject spec)
        {
            spec["replicas"] ??= 1;
            spec["revisionHistoryLimit"] ??= 10;
            spec["progressDeadlineSeconds"] ??= 600;
            spec["strategy"] ??= new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
            };
        }
        else if (type == ResourceType.Services && obj["spec"] is JsonObject serviceSpec)
        {
            serviceSpec["type"] ??= "ClusterIP";
            serviceSpec["sessionAffinity"] ??= "None";
        }
        else if (type == ResourceType.Namespaces)
        {
            obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] ??= new JsonObject { ["phase"] = "Active" };
        }
    }
}
