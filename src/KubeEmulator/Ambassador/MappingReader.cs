using System.Globalization;
using System.Text.Json.Nodes;
using KubeEmulator.Controllers;
using KubeEmulator.Schema;

namespace KubeEmulator.Ambassador;

/// <summary>
/// Reads Mappings in every dialect a cluster may hold: getambassador.io v1/v2 (spec.host, ambassador_id string or
/// list), v3alpha1 (spec.hostname, ambassador_id list) and the Ambassador 0.x YAML documents in a Service's
/// getambassador.io/config annotation (flat fields, apiVersion ambassador/v0 or v1).
/// </summary>
internal static class MappingReader
{
    public const string ConfigAnnotation = "getambassador.io/config";

    public static MappingRoute? FromResource(JsonObject mapping)
    {
        var ns = JsonRead.String(mapping["metadata"]?["namespace"]) ?? "default";
        var name = JsonRead.String(mapping["metadata"]?["name"]) ?? "";
        return mapping["spec"] is JsonObject spec ? FromFields(spec, ns, $"{ns}/{name}") : null;
    }

    /// <summary>The Mappings in a Service's annotation; documents of other kinds are skipped, as are ones that do not parse.</summary>
    public static IEnumerable<MappingRoute> FromServiceAnnotation(JsonObject service)
    {
        var text = JsonRead.String(service["metadata"]?["annotations"]?[ConfigAnnotation]);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var ns = JsonRead.String(service["metadata"]?["namespace"]) ?? "default";
        IReadOnlyList<JsonNode?> documents;
        try
        {
            using var reader = new StringReader(text);
            documents = YamlJsonConverter.ReadDocuments(reader);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return []; // Ambassador logs and ignores a broken annotation.
        }

        return documents
            .OfType<JsonObject>()
            .Where(d => JsonRead.String(d["kind"]) == "Mapping")
            .Select(d => FromFields(d, ns, $"{ns}/{JsonRead.String(d["name"]) ?? "unnamed"}"))
            .OfType<MappingRoute>()
            .ToList();
    }

    private static MappingRoute? FromFields(JsonObject fields, string ns, string id)
    {
        var prefix = JsonRead.String(fields["prefix"]);
        var service = JsonRead.String(fields["service"]);
        if (prefix is null || service is null)
        {
            return null;
        }

        var headers = new List<HeaderMatch>();
        if (fields["headers"] is JsonObject exact)
        {
            foreach (var (name, value) in exact)
            {
                // Ambassador: a value of true only requires the header to be present.
                headers.Add(JsonRead.Bool(value) == true ? new HeaderMatch(name, null, false) : new HeaderMatch(name, Scalar(value), false));
            }
        }

        if (fields["regex_headers"] is JsonObject regexes)
        {
            headers.AddRange(regexes.Select(kv => new HeaderMatch(kv.Key, Scalar(kv.Value) ?? ".*", true)));
        }

        return new MappingRoute
        {
            Id = id,
            Namespace = ns,
            Prefix = prefix,
            PrefixRegex = JsonRead.Bool(fields["prefix_regex"]) ?? false,
            PrefixExact = JsonRead.Bool(fields["prefix_exact"]) ?? false,
            Host = JsonRead.String(fields["host"]),
            HostRegex = JsonRead.Bool(fields["host_regex"]) ?? false,
            Hostname = JsonRead.String(fields["hostname"]),
            Method = JsonRead.String(fields["method"]),
            Headers = headers,
            Precedence = JsonRead.Int(fields["precedence"]) ?? 0,
            Weight = JsonRead.Double(fields["weight"]),
            Shadow = JsonRead.Bool(fields["shadow"]) ?? false,
            Service = service,
            StatsName = JsonRead.String(fields["stats_name"]),
            AmbassadorIds = AmbassadorIds(fields["ambassador_id"]),
        };
    }

    private static List<string> AmbassadorIds(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(JsonRead.String).OfType<string>().ToList(),
        JsonValue when JsonRead.String(node) is { } single => [single],
        _ => ["default"],
    };

    private static string? Scalar(JsonNode? node) =>
        JsonRead.String(node) ?? (JsonRead.Double(node) is { } d ? d.ToString(CultureInfo.InvariantCulture) : JsonRead.Bool(node)?.ToString().ToLowerInvariant());
}
