using System.Text.Json.Nodes;

namespace KubeEmulator.Api.Patches;

/// <summary>
/// Strategic merge patch for the built-in kinds a canary tool writes. Maps merge as in a merge patch; lists whose
/// Kubernetes schema names a patchMergeKey (containers, env, ports, volumes, conditions …) merge item by item on that key;
/// other lists replace. Directives: <c>$patch: replace|delete|merge</c> on maps and list items,
/// <c>$deleteFromPrimitiveList/field</c>; <c>$setElementOrder/…</c> and <c>$retainKeys</c> are accepted and ignored.
/// </summary>
internal static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => MergeValue(target, patch, field: "");

    private static JsonNode? MergeValue(JsonNode? target, JsonNode? patch, string field) => patch switch
    {
        JsonObject p => MergeObject(target as JsonObject, p),
        JsonArray p when target is JsonArray t => MergeList(t, p, field),
        JsonArray p => StripDirectives(p),
        _ => patch?.DeepClone(),
    };

    private static JsonObject? MergeObject(JsonObject? target, JsonObject patch)
    {
        var directive = (string?)patch[PatchDirective];
        if (directive == "delete")
        {
            return null;
        }

        var result = directive == "replace" || target is null ? [] : (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (key == PatchDirective || key == "$retainKeys" || key.StartsWith("$setElementOrder/", StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var listName = key["$deleteFromPrimitiveList/".Length..];
                if (result[listName] is JsonArray list && value is JsonArray remove)
                {
                    result[listName] = new JsonArray([.. list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone())]);
                }

                continue;
            }

            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var merged = MergeValue(result[key], value, key);
            if (merged is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = merged;
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray target, JsonArray patch, string field)
    {
        var mergeKey = MergeKey(field, target, patch);
        if (mergeKey is null)
        {
            var primitiveSet = field is "finalizers";
            return primitiveSet ? Union(target, patch) : StripDirectives(patch);
        }

        if (patch.OfType<JsonObject>().Any(p => (string?)p[PatchDirective] == "replace"))
        {
            return new JsonArray([.. patch.OfType<JsonObject>().Where(p => p[PatchDirective] is null).Select(p => StripDirectives(p))]);
        }

        var result = new JsonArray([.. target.Select(i => i?.DeepClone())]);
        foreach (var item in patch.OfType<JsonObject>())
        {
            var key = item[mergeKey];
            var index = IndexOf(result, mergeKey, key);
            if ((string?)item[PatchDirective] == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                result[index] = MergeObject(result[index] as JsonObject, item);
            }
            else
            {
                result.Add((JsonNode)StripDirectives(item));
            }
        }

        return result;
    }

    // The patchMergeKey Kubernetes declares for these list fields (PodSpec, Container, ServiceSpec, status conditions, metadata).
    private static string? MergeKey(string field, JsonArray target, JsonArray patch) => field switch
    {
        "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" or "resourceClaims" => "name",
        "readinessGates" => "conditionType",
        "volumeMounts" => "mountPath",
        "volumeDevices" => "devicePath",
        "conditions" => "type",
        "ownerReferences" => "uid",
        "hostAliases" => "ip",
        "topologySpreadConstraints" => "topologyKey",
        "ports" => target.Concat(patch).OfType<JsonObject>().Any(p => p.ContainsKey("containerPort")) ? "containerPort" : "port",
        _ => null,
    };

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[mergeKey], key))
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonArray Union(JsonArray target, JsonArray patch)
    {
        var result = new JsonArray([.. target.Select(i => i?.DeepClone())]);
        foreach (var item in patch.Where(p => !target.Any(t => JsonNode.DeepEquals(t, p))))
        {
            result.Add(item?.DeepClone());
        }

        return result;
    }

    private static JsonArray StripDirectives(JsonArray list) =>
        new([.. list.Where(i => i is not JsonObject o || o[PatchDirective] is null).Select(i => i is JsonObject o ? StripDirectives(o) : i?.DeepClone())]);

    private static JsonObject StripDirectives(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (!key.StartsWith('$'))
            {
                copy[key] = value switch
                {
                    JsonObject o => StripDirectives(o),
                    JsonArray a => StripDirectives(a),
                    _ => value?.DeepClone(),
                };
            }
        }

        return copy;
    }
}
