using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeEmulator.Schema;

/// <summary>JSON values as the API server's validator sees them: OpenAPI type names and Go-formatted text for messages.</summary>
internal static class JsonValueKinds
{
    /// <summary>The OpenAPI type of a value: object, array, string, boolean, integer, number or null.</summary>
    public static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegerText(v.ToJsonString()) ? "integer" : "number",
            JsonValueKind.Null => "null",
            _ => "object",
        },
        _ => "object",
    };

    /// <summary>Whether a number is integral (1 and 1.0 both are, as the server accepts 1.0 for an integer field).</summary>
    public static bool IsIntegral(JsonValue value) =>
        AsDouble(value) is { } d && double.IsFinite(d) && Math.Floor(d) == d;

    public static double? AsDouble(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number &&
        double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    /// <summary>A bad value as a Kubernetes field error prints it: strings quoted, numbers and booleans bare, the rest as JSON.</summary>
    public static string FormatBadValue(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => GoQuote(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => FormatNumber(AsDouble(v) ?? 0),
        _ => node.ToJsonString(),
    };

    /// <summary>An enum value as listed after "supported values:": every value quoted, non-strings as their JSON.</summary>
    public static string FormatSupported(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? GoQuote(v.GetValue<string>()) : GoQuote(node?.ToJsonString() ?? "null");

    public static string FormatNumber(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Go's %q for the characters that matter here.</summary>
    public static string GoQuote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    private static bool IsIntegerText(string json) =>
        !json.Contains('.', StringComparison.Ordinal) && !json.Contains('e', StringComparison.OrdinalIgnoreCase);
}
