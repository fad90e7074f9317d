using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>Turns stored objects into what a request's version shows, and request bodies into what the store keeps.</summary>
internal sealed class ObjectCodec
{
    private readonly string _mappingStorageVersion;

    public ObjectCodec(AmbassadorCrdSet crdSet) => _mappingStorageVersion = MappingVersions.Storage(crdSet);

    public static JsonObject ToOutput(JsonObject stored, ServedResource served)
    {
        if (served.Type == ResourceType.Mappings)
        {
            return MappingConversion.Convert(stored, served.Version);
        }

        var result = new JsonObject { ["apiVersion"] = served.GroupVersion, ["kind"] = served.Type.Kind };
        foreach (var (key, value) in stored)
        {
            if (key is not ("apiVersion" or "kind"))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>The body converted to the storage version, after checking it names the kind and version of the URL.</summary>
    public JsonObject ToStorage(JsonObject body, ServedResource served)
    {
        var apiVersion = (string?)body["apiVersion"];
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != served.GroupVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({served.GroupVersion})");
        }

        var kind = (string?)body["kind"];
        if (!string.IsNullOrEmpty(kind) && kind != served.Type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({served.Type.Kind})");
        }

        var stored = served.Type == ResourceType.Mappings
            ? MappingConversion.Convert(body, _mappingStorageVersion)
            : (JsonObject)body.DeepClone();
        if (served.Type != ResourceType.Mappings)
        {
            stored["apiVersion"] = served.GroupVersion;
            stored["kind"] = served.Type.Kind;
        }

        Defaults.Apply(served.Type, stored);
        return stored;
    }
}
