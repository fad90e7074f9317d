using System.Globalization;
using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Controllers;

internal enum RolloutProgress
{
    InProgress,
    Complete,
    DeadlineExceeded,
}

/// <summary>Counts the controller observed for one Deployment, turned into the status the real controller writes.</summary>
internal sealed record DeploymentCounts(long ObservedGeneration, int Desired, int Total, int Updated, int Ready, RolloutProgress Progress, string ReplicaSetName);

internal static class DeploymentStatusBuilder
{
    /// <summary>
    /// The status object. Zero counts are omitted, as the real API server's omitempty does, and conditions keep
    /// lastTransitionTime while their status does not change.
    /// </summary>
    public static JsonObject Build(DeploymentCounts counts, JsonObject deployment, DateTimeOffset now)
    {
        var previous = deployment["status"]?["conditions"] as JsonArray;
        var available = counts.Ready;
        var status = new JsonObject { ["observedGeneration"] = counts.ObservedGeneration };
        SetCount(status, "replicas", counts.Total);
        SetCount(status, "updatedReplicas", counts.Updated);
        SetCount(status, "readyReplicas", counts.Ready);
        SetCount(status, "availableReplicas", available);
        SetCount(status, "unavailableReplicas", Math.Max(counts.Desired - available, 0));

        var minimumAvailable = available >= counts.Desired - MaxUnavailable(deployment, counts.Desired);
        var availableCondition = minimumAvailable
            ? ("True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
            : ("False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
        var rs = counts.ReplicaSetName;
        var progressingCondition = counts.Progress switch
        {
            RolloutProgress.Complete => ("True", "NewReplicaSetAvailable", $"ReplicaSet \"{rs}\" has successfully progressed."),
            RolloutProgress.DeadlineExceeded => ("False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rs}\" has timed out progressing."),
            _ => ("True", "ReplicaSetUpdated", $"ReplicaSet \"{rs}\" is progressing."),
        };
        status["conditions"] = new JsonArray(
            Condition("Available", availableCondition, previous, now),
            Condition("Progressing", progressingCondition, previous, now));
        return status;
    }

    /// <summary>spec.strategy.rollingUpdate.maxUnavailable (int or percentage, rounded down; default 25%); 0 for Recreate.</summary>
    public static int MaxUnavailable(JsonObject deployment, int desired)
    {
        var strategy = deployment["spec"]?["strategy"];
        if ((string?)strategy?["type"] == "Recreate")
        {
            return 0;
        }

        var value = strategy?["rollingUpdate"]?["maxUnavailable"];
        int result;
        if (JsonRead.String(value) is { } text)
        {
            var percent = int.TryParse(text.TrimEnd('%'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 25;
            result = desired * percent / 100;
        }
        else
        {
            result = JsonRead.Int(value) ?? desired * 25 / 100;
        }

        return Math.Clamp(result, 0, desired);
    }

    private static void SetCount(JsonObject status, string field, int value)
    {
        if (value != 0)
        {
            status[field] = value;
        }
    }

    private static JsonObject Condition(string type, (string Status, string Reason, string Message) next, JsonArray? previous, DateTimeOffset now)
    {
        var old = previous?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var stamp = ObjectStore.Timestamp(now);
        var sameStatus = old is not null && (string?)old["status"] == next.Status;
        var sameEverything = sameStatus && (string?)old!["reason"] == next.Reason && (string?)old["message"] == next.Message;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = next.Status,
            ["lastUpdateTime"] = sameEverything ? (string?)old!["lastUpdateTime"] ?? stamp : stamp,
            ["lastTransitionTime"] = sameStatus ? (string?)old!["lastTransitionTime"] ?? stamp : stamp,
            ["reason"] = next.Reason,
            ["message"] = next.Message,
        };
    }
}
