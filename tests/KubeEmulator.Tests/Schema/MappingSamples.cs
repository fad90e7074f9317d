using System.Text.Json.Nodes;
using NUnit.Framework;

namespace KubeEmulator.Tests.Schema;

/// <summary>Mappings as the tool writes them, per version (v3alpha1: hostname and a list ambassador_id; v1/v2: host and a string).</summary>
internal static class MappingSamples
{
    public static JsonObject Valid(string version)
    {
        var spec = new JsonObject
        {
            ["prefix"] = "/web/",
            ["service"] = "web-canary.default:8080",
            ["weight"] = 10,
            ["stats_name"] = "web-canary",
            ["rewrite"] = "/",
            ["timeout_ms"] = 3000,
            ["headers"] = new JsonObject { ["x-canary"] = "always" },
            ["load_balancer"] = new JsonObject { ["policy"] = "round_robin" },
        };
        if (version == "v3alpha1")
        {
            spec["hostname"] = "*.example.com";
            spec["ambassador_id"] = new JsonArray("default");
        }
        else
        {
            spec["host"] = "web.example.com";
            spec["ambassador_id"] = "default";
        }

        return new JsonObject
        {
            ["apiVersion"] = $"getambassador.io/{version}",
            ["kind"] = "Mapping",
            ["metadata"] = new JsonObject { ["name"] = "web-canary", ["namespace"] = "default", ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = spec,
        };
    }

    public static JsonObject With(string version, Action<JsonObject> editSpec)
    {
        var mapping = Valid(version);
        editSpec((JsonObject)mapping["spec"]!);
        return mapping;
    }
}
