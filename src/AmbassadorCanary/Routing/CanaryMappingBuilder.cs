using System.Text;
using System.Text.Json.Nodes;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Routing;

/// <summary>
/// Clones the primary Mapping's routing keys into the canary and header-route Mappings. Pure. Every key is kept
/// except the ones that identify or weight the primary: name, weight, stats_name and service.
/// </summary>
internal static class CanaryMappingBuilder
{
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal) { "apiVersion", "kind", "name", "weight", "stats_name", "service" };

    public static JsonObject CanarySpec(PrimaryRoute primary, RouteNames names, string canaryService, int weight, IReadOnlyList<string> ambassadorIds)
    {
        var spec = Clone(primary, canaryService, ambassadorIds);
        spec["weight"] = weight;
        spec["stats_name"] = names.CanaryStats;
        return spec;
    }

    /// <summary>The same keys plus a header or cookie match: a more specific group, so matching requests all go to the canary.</summary>
    public static JsonObject HeaderSpec(PrimaryRoute primary, RouteNames names, string canaryService, HeaderRouteSpec header, IReadOnlyList<string> ambassadorIds)
    {
        var spec = Clone(primary, canaryService, ambassadorIds);
        spec["stats_name"] = names.HeaderStats;
        if (header.Header is { } name && header.Value is { } value)
        {
            Child(spec, "headers")[name] = value;
        }
        else if (header.Header is { } present)
        {
            Child(spec, "regex_headers")[present] = ".*";
        }

        if (header.Cookie is { } cookie)
        {
            Child(spec, "regex_headers")["cookie"] = $@"^(.*?;\s*)?({EscapeRegex(cookie)})(;.*)?$";
        }

        return spec;
    }

    /// <summary>The primary's spec with a stats_name; unchanged (same instance content) when it already has one.</summary>
    public static JsonObject PrimaryWithStats(PrimaryRoute primary, RouteNames names)
    {
        var spec = (JsonObject)primary.Spec.DeepClone();
        spec["stats_name"] ??= names.DefaultPrimaryStats;
        return spec;
    }

    private static JsonObject Clone(PrimaryRoute primary, string canaryService, IReadOnlyList<string> ambassadorIds)
    {
        var spec = new JsonObject();
        foreach (var (key, value) in primary.Spec)
        {
            if (!NotCopied.Contains(key))
            {
                spec[key] = value?.DeepClone();
            }
        }

        spec["service"] = primary.Service.WithName(canaryService).ToString();
        if (ambassadorIds.Count > 0)
        {
            spec["ambassador_id"] = MappingDialects.AmbassadorIdIsList(primary.Dialect) || ambassadorIds.Count > 1
                ? new JsonArray(ambassadorIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray())
                : JsonValue.Create(ambassadorIds[0]);
        }

        return spec;
    }

    private static JsonObject Child(JsonObject spec, string key)
    {
        if (spec[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        spec[key] = created;
        return created;
    }

    /// <summary>RE2-safe escaping (Envoy's regex engine rejects some of .NET's escapes, such as "\ ").</summary>
    private static string EscapeRegex(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
