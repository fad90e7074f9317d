using System.Text.Json.Nodes;
using KubeEmulator.Api.Patches;
using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>PATCH in the three types KubernetesClient sends, applied to the object as the request's version shows it.</summary>
internal sealed class PatchEndpoint
{
    private readonly ApiContext _api;
    private readonly ResourceEndpoint _resources;

    public PatchEndpoint(ApiContext api, ResourceEndpoint resources)
    {
        _api = api;
        _resources = resources;
    }

    public ApiResult Patch(ApiRequest request, ServedResource served, string? contentType, JsonNode? patch)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        Func<JsonObject, JsonNode?> apply = mediaType switch
        {
            "application/merge-patch+json" => current => MergePatch.Apply(current, patch),
            "application/json-patch+json" => current => JsonPatch.Apply(current, patch),
            "application/strategic-merge-patch+json" when !served.IsCustomResource => current => StrategicMergePatch.Apply(current, patch),
            _ => throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: {AcceptedTypes(served)}"),
        };

        var statusOnly = request.Subresource == "status";
        var warnings = new List<string>();
        var updated = ResourceEndpoint.Write(served, request.Name, () => _api.Store.Update(served.Type, request.Namespace, request.Name!, stored =>
        {
            var current = ObjectCodec.ToOutput(stored, served);
            if (apply(current) is not JsonObject patched)
            {
                throw ApiException.BadRequest("the patch does not result in an object");
            }

            var expected = (string?)patched["metadata"]?["resourceVersion"];
            if (!string.IsNullOrEmpty(expected) && expected != (string?)current["metadata"]?["resourceVersion"])
            {
                throw StoreException.Conflict(served.Type, request.Name!);
            }

            var admitted = statusOnly ? patched : _resources.Admit(served, patched, warnings);
            return _api.Codec.ToStorage(admitted, served);
        }, statusOnly));
        return new ApiResult(200, ObjectCodec.ToOutput(updated, served), warnings);
    }

    private static string AcceptedTypes(ServedResource served) => served.IsCustomResource
        ? "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
        : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json";
}
