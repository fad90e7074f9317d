using System.Text.Json.Nodes;

namespace KubeEmulator.Api;

/// <summary>
/// What Emissary's emissary-apiext conversion webhook does to a Mapping between versions, for the fields that differ:
/// v1/v2 <c>host</c> (exact, host_regex not true) is v3alpha1 <c>hostname</c>; a regex host stays <c>host</c> + <c>host_regex</c>
/// (deprecated in v3alpha1); v1/v2 accept <c>ambassador_id</c> as a string, v3alpha1 only as a list.
/// v1 and v2 have the same shape. Every other field is kept as is.
/// </summary>
internal static class MappingConversion
{
    public static JsonObject Convert(JsonObject mapping, string toVersion)
    {
        var result = (JsonObject)mapping.DeepClone();
        result["apiVersion"] = $"getambassador.io/{toVersion}";
        result["kind"] = "Mapping";
        if (result["spec"] is not JsonObject spec)
        {
            return result;
        }

        if (toVersion == "v3alpha1")
        {
            ToV3(spec);
        }
        else
        {
            ToV2(spec);
        }

        return result;
    }

    private static void ToV3(JsonObject spec)
    {
        if (spec["ambassador_id"] is JsonValue single)
        {
            spec["ambassador_id"] = new JsonArray(single.DeepClone());
        }

        var regex = spec["host_regex"] is JsonValue r && r.TryGetValue<bool>(out var isRegex) && isRegex;
        if (!regex && spec["host"] is { } host && !spec.ContainsKey("hostname"))
        {
            spec.Remove("host");
            spec.Remove("host_regex");
            spec["hostname"] = host;
        }
    }

    private static void ToV2(JsonObject spec)
    {
        if (spec["hostname"] is { } hostname)
        {
            spec.Remove("hostname");
            if (!spec.ContainsKey("host"))
            {
                spec["host"] = hostname;
            }
        }
    }
}
