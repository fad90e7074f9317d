using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Controllers;

/// <summary>Builds the Pod objects the simulated ReplicaSets own, shaped like what a kubelet reports.</summary>
internal static class SimulatedPod
{
    public static JsonObject Create(JsonObject deployment, string name, string hash, string podIp, DateTimeOffset now)
    {
        var ns = (string?)deployment["metadata"]?["namespace"];
        var deploymentName = (string?)deployment["metadata"]?["name"];
        var template = deployment["spec"]?["template"] as JsonObject;
        var labels = template?["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
        labels["pod-template-hash"] = hash;
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ReplicaSet",
                ["name"] = $"{deploymentName}-{hash}",
                ["uid"] = Guid.NewGuid().ToString(),
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        };
        if (template?["metadata"]?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        var spec = template?["spec"]?.DeepClone() as JsonObject ?? [];
        spec["nodeName"] = "emulator-node";
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
        pod["status"] = Status(spec, podIp, now, ready: false, now);
        return pod;
    }

    /// <summary>The pod with its readiness set; conditions keep their transition time when nothing changes.</summary>
    public static JsonObject WithReadiness(JsonObject pod, bool ready, DateTimeOffset now)
    {
        if (IsReady(pod) == ready)
        {
            return pod;
        }

        var spec = pod["spec"] as JsonObject ?? [];
        var podIp = (string?)pod["status"]?["podIP"] ?? "127.1.0.2";
        var started = DateTimeOffset.TryParse((string?)pod["status"]?["startTime"], out var t) ? t : now;
        var status = Status(spec, podIp, started, ready, now);
        if (pod["status"]?["containerStatuses"] is JsonArray previous)
        {
            // Keep restart counts a restart hook may have written.
            for (var i = 0; i < previous.Count && status["containerStatuses"] is JsonArray current && i < current.Count; i++)
            {
                current[i]!["restartCount"] = previous[i]?["restartCount"]?.DeepClone() ?? 0;
            }
        }

        pod["status"] = status;
        return pod;
    }

    public static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True");

    public static IEnumerable<string> Images(JsonObject podOrTemplateSpec) =>
        (podOrTemplateSpec["containers"] as JsonArray ?? [])
            .Select(c => (string?)c?["image"])
            .OfType<string>();

    private static JsonObject Status(JsonObject spec, string podIp, DateTimeOffset started, bool ready, DateTimeOffset now)
    {
        var readyText = ready ? "True" : "False";
        var containerStatuses = new JsonArray();
        foreach (var container in spec["containers"] as JsonArray ?? [])
        {
            containerStatuses.Add((JsonNode)new JsonObject
            {
                ["name"] = (string?)container?["name"],
                ["image"] = (string?)container?["image"],
                ["imageID"] = "",
                ["ready"] = ready,
                ["started"] = true,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectStore.Timestamp(started) } },
            });
        }

        return new JsonObject
        {
            ["phase"] = "Running",
            ["hostIP"] = "127.0.0.1",
            ["podIP"] = podIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
            ["startTime"] = ObjectStore.Timestamp(started),
            ["qosClass"] = "BestEffort",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "True", started),
                Condition("Initialized", "True", started),
                Condition("Ready", readyText, now),
                Condition("ContainersReady", readyText, now),
                Condition("PodScheduled", "True", started)),
            ["containerStatuses"] = containerStatuses,
        };
    }

    private static JsonObject Condition(string type, string status, DateTimeOffset at) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastProbeTime"] = null,
        ["lastTransitionTime"] = ObjectStore.Timestamp(at),
    };
}
