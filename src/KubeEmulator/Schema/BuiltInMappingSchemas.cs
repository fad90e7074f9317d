using System.Text.Json.Nodes;

namespace KubeEmulator.Schema;

/// <summary>
/// The sandbox's stand-in for the Emissary CRD: far smaller than the real schema. It checks only the Mapping fields
/// the tool and the simulated Ambassador use (prefix and service required strings, weight an integer 0..100,
/// host/hostname, headers, ambassador_id per version, ...) and keeps every other spec field unchecked.
/// Real-schema checks live in the tests, which load ../shared/crds.
/// </summary>
internal static class BuiltInMappingSchemas
{
    public static IReadOnlyDictionary<string, StructuralSchema> Create() => new Dictionary<string, StructuralSchema>(StringComparer.Ordinal)
    {
        ["v1"] = Build(legacy: true),
        ["v2"] = Build(legacy: true),
        ["v3alpha1"] = Build(legacy: false),
    };

    private static StructuralSchema Build(bool legacy)
    {
        // v1/v2 take ambassador_id as a string or a list of strings; v3alpha1 only as a list.
        var ambassadorId = legacy
            ? """{ "x-emulator-string-or-string-list": true }"""
            : """{ "type": "array", "items": { "type": "string" } }""";
        var spec = $$"""
        {
          "type": "object",
          "x-kubernetes-preserve-unknown-fields": true,
          "required": ["prefix", "service"],
          "properties": {
            "prefix": { "type": "string" },
            "prefix_regex": { "type": "boolean" },
            "prefix_exact": { "type": "boolean" },
            "service": { "type": "string" },
            "weight": { "type": "integer", "minimum": 0, "maximum": 100 },
            "host": { "type": "string" },
            "hostname": { "type": "string" },
            "method": { "type": "string" },
            "precedence": { "type": "integer" },
            "rewrite": { "type": "string" },
            "stats_name": { "type": "string" },
            "shadow": { "type": "boolean" },
            "timeout_ms": { "type": "integer" },
            "headers": { "type": "object", "additionalProperties": { "type": "string" } },
            "regex_headers": { "type": "object", "additionalProperties": { "type": "string" } },
            "ambassador_id": {{ambassadorId}}
          }
        }
        """;
        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["type"] = "string" },
                ["kind"] = new JsonObject { ["type"] = "string" },
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = JsonNode.Parse(spec),
                ["status"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            },
        };
        return StructuralSchema.Parse(root);
    }
}
