using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>The <c>Status</c> objects the API server answers with.</summary>
internal static class StatusBodies
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["details"] = details?.DeepClone(),
        ["code"] = code,
    };

    /// <summary>What a DELETE answers for kinds whose registry does not return the deleted object.</summary>
    public static JsonObject DeleteSuccess(ResourceType type, JsonObject deleted) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject
        {
            ["name"] = deleted["metadata"]?["name"]?.DeepClone(),
            ["group"] = type.Group,
            ["kind"] = type.Resource,
            ["uid"] = deleted["metadata"]?["uid"]?.DeepClone(),
        },
    };

    public static JsonObject Details(ResourceType type, string? name)
    {
        var details = new JsonObject();
        if (!string.IsNullOrEmpty(name))
        {
            details["name"] = name;
        }

        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Resource;
        return details;
    }
}
