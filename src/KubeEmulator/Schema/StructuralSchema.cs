using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KubeEmulator.Schema;

/// <summary>
/// One node of an openAPIV3Schema, reduced to the keywords a structural schema may use.
/// Built once per CRD version; the validator walks it alongside the object.
/// </summary>
internal sealed class StructuralSchema
{
    public string? Type { get; init; }

    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; init; } = new Dictionary<string, StructuralSchema>();

    /// <summary>Schema for map values; null when additionalProperties is absent or false.</summary>
    public StructuralSchema? AdditionalProperties { get; init; }

    /// <summary>additionalProperties: true (any value kept).</summary>
    public bool AdditionalPropertiesAllowed { get; init; }

    public StructuralSchema? Items { get; init; }

    public IReadOnlyList<string> Required { get; init; } = [];

    public IReadOnlyList<JsonNode?>? Enum { get; init; }

    public bool Nullable { get; init; }

    public bool IntOrString { get; init; }

    public bool PreserveUnknownFields { get; init; }

    /// <summary>Built-in schemas only: a string or a list of strings (legacy ambassador_id); not a CRD keyword.</summary>
    public bool StringOrStringList { get; init; }

    public string? Format { get; init; }

    public double? Minimum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public double? Maximum { get; init; }

    public bool ExclusiveMaximum { get; init; }

    public long? MinLength { get; init; }

    public long? MaxLength { get; init; }

    public Regex? Pattern { get; init; }

    public string? PatternText { get; init; }

    public long? MinItems { get; init; }

    public long? MaxItems { get; init; }

    public JsonNode? Default { get; init; }

    /// <summary>Reads a schema node; unknown keywords (description, x-kubernetes-list-type, ...) are ignored.</summary>
    public static StructuralSchema Parse(JsonObject node)
    {
        var pattern = node["pattern"]?.GetValue<string>();
        var additional = node["additionalProperties"];
        return new StructuralSchema
        {
            Type = node["type"]?.GetValue<string>(),
            Properties = node["properties"] is JsonObject props
                ? props.ToDictionary(p => p.Key, p => Parse(p.Value as JsonObject ?? []), StringComparer.Ordinal)
                : new Dictionary<string, StructuralSchema>(),
            AdditionalProperties = additional as JsonObject is { } a ? Parse(a) : null,
            AdditionalPropertiesAllowed = additional is JsonValue v && v.TryGetValue<bool>(out var allowed) && allowed,
            Items = node["items"] as JsonObject is { } items ? Parse(items) : null,
            Required = node["required"] is JsonArray req ? req.Select(r => r!.GetValue<string>()).ToList() : [],
            Enum = node["enum"] is JsonArray values ? values.Select(e => e?.DeepClone()).ToList() : null,
            Nullable = Flag(node, "nullable"),
            IntOrString = Flag(node, "x-kubernetes-int-or-string"),
            PreserveUnknownFields = Flag(node, "x-kubernetes-preserve-unknown-fields"),
            StringOrStringList = Flag(node, "x-emulator-string-or-string-list"),
            Format = node["format"]?.GetValue<string>(),
            Minimum = Number(node, "minimum"),
            ExclusiveMinimum = Flag(node, "exclusiveMinimum"),
            Maximum = Number(node, "maximum"),
            ExclusiveMaximum = Flag(node, "exclusiveMaximum"),
            MinLength = Integer(node, "minLength"),
            MaxLength = Integer(node, "maxLength"),
            PatternText = pattern,
            Pattern = pattern is null ? null : new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
            MinItems = Integer(node, "minItems"),
            MaxItems = Integer(node, "maxItems"),
            Default = node["default"]?.DeepClone(),
        };
    }

    private static bool Flag(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static double? Number(JsonObject node, string name) =>
        node[name] is JsonValue v ? JsonValueKinds.AsDouble(v) : null;

    private static long? Integer(JsonObject node, string name) =>
        node[name] is JsonValue v && JsonValueKinds.AsDouble(v) is { } d ? (long)d : null;
}
