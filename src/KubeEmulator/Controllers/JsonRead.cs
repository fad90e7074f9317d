using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeEmulator.Controllers;

/// <summary>
/// Lenient readers for numbers in JsonNode trees: a value built in code as int refuses a (long?) cast and vice versa,
/// and a value parsed from text is a JsonElement. Objects reach the simulation from both sources.
/// </summary>
internal static class JsonRead
{
    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<double>(out var d))
        {
            return (long)d;
        }

        if (value.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var el))
        {
            return el;
        }

        return value.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    public static double? Double(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (Long(node) is { } l)
        {
            return l;
        }

        return value.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    public static int? Int(JsonNode? node) => Long(node) is { } l ? (int)Math.Clamp(l, int.MinValue, int.MaxValue) : null;

    public static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
