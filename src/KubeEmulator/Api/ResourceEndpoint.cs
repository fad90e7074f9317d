using System.Globalization;
using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>get, list, create, update (PUT) and delete on a served resource and its status subresource.</summary>
internal sealed class ResourceEndpoint
{
    private readonly ApiContext _api;

    public ResourceEndpoint(ApiContext api) => _api = api;

    public ServedResource Resolve(ApiRequest request)
    {
        var served = _api.Catalog.Find(request.Group, request.Version, request.Resource) ?? throw ApiException.NoRoute();
        var scopeOk = served.Type.Namespaced
            ? request.Namespace is not null || (request.Name is null && request.Verb is "list" or "watch")
            : request.Namespace is null;
        var subresourceOk = request.Subresource is null || (request.Subresource == "status" && served.HasStatus);
        return scopeOk && subresourceOk ? served : throw ApiException.NoRoute();
    }

    public ApiResult Get(ApiRequest request, ServedResource served)
    {
        var stored = _api.Store.Get(served.Type, request.Namespace, request.Name!) ?? throw ApiException.NotFound(served.Type, request.Name!);
        return ApiResult.Ok(ObjectCodec.ToOutput(stored, served));
    }

    public ApiResult List(ApiRequest request, ServedResource served, IReadOnlyDictionary<string, string> query)
    {
        var filter = ObjectFilter.FromQuery(query);
        var version = _api.Store.CurrentResourceVersion;
        var items = new JsonArray();
        foreach (var stored in _api.Store.List(served.Type, request.Namespace).Where(filter.Matches))
        {
            items.Add((JsonNode)ObjectCodec.ToOutput(stored, served));
        }

        return ApiResult.Ok(new JsonObject
        {
            ["apiVersion"] = served.GroupVersion,
            ["kind"] = served.Type.Kind + "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
            ["items"] = items,
        });
    }

    public ApiResult Create(ApiRequest request, ServedResource served, JsonObject body)
    {
        if (request.Name is not null || request.Subresource is not null)
        {
            throw ApiException.MethodNotAllowed();
        }

        CheckNamespace(request, body);
        var warnings = new List<string>();
        var admitted = Admit(served, body, warnings);
        var stored = _api.Codec.ToStorage(admitted, served);
        if (served.HasStatus && served.Type != ResourceType.Namespaces)
        {
            stored.Remove("status");
        }

        if (served.Type.Namespaced && _api.Store.Get(ResourceType.Namespaces, null, request.Namespace!) is null)
        {
            throw ApiException.NotFound(ResourceType.Namespaces, request.Namespace!);
        }

        var name = (string?)body["metadata"]?["name"];
        var created = Write(served, name, () => _api.Store.Create(served.Type, request.Namespace, stored));
        return new ApiResult(201, ObjectCodec.ToOutput(created, served), warnings);
    }

    public ApiResult Replace(ApiRequest request, ServedResource served, JsonObject body)
    {
        CheckNamespace(request, body);
        var statusOnly = request.Subresource == "status";
        var warnings = new List<string>();
        var admitted = statusOnly ? body : Admit(served, body, warnings);
        var stored = _api.Codec.ToStorage(admitted, served);
        var replaced = Write(served, request.Name, () => _api.Store.Replace(served.Type, request.Namespace, request.Name!, stored, statusOnly));
        return new ApiResult(200, ObjectCodec.ToOutput(replaced, served), warnings);
    }

    public ApiResult Delete(ApiRequest request, ServedResource served)
    {
        if (request.Subresource is not null)
        {
            throw ApiException.MethodNotAllowed();
        }

        var deleted = Write(served, request.Name, () => _api.Store.Delete(served.Type, request.Namespace, request.Name!));
        if (served.Type == ResourceType.Namespaces)
        {
            DeleteContents(request.Name!);
            deleted["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        // Registries that return the deleted object: pods, services, namespaces and custom resources; the rest answer a Status.
        return served.Type == ResourceType.Pods || served.Type == ResourceType.Services || served.Type == ResourceType.Namespaces || served.IsCustomResource
            ? ApiResult.Ok(ObjectCodec.ToOutput(deleted, served))
            : ApiResult.Ok(StatusBodies.DeleteSuccess(served.Type, deleted));
    }

    /// <summary>Admission for the main resource: Mappings are validated against their version's CRD schema and pruned.</summary>
    public JsonObject Admit(ServedResource served, JsonObject body, List<string> warnings)
    {
        if (!served.IsCustomResource)
        {
            return body;
        }

        var named = (JsonObject)body.DeepClone();
        named["apiVersion"] = served.GroupVersion;
        named["kind"] = served.Type.Kind;
        return _api.Admission.Admit(served.Version, named, warnings);
    }

    public static JsonObject Write(ServedResource served, string? name, Func<JsonObject> write)
    {
        try
        {
            return write();
        }
        catch (StoreException e)
        {
            throw ApiException.FromStore(e, served.Type, name);
        }
    }

    private static void CheckNamespace(ApiRequest request, JsonObject body)
    {
        var bodyNamespace = (string?)body["metadata"]?["namespace"];
        if (request.Namespace is not null && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != request.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private void DeleteContents(string ns)
    {
        foreach (var type in _api.Catalog.All.Select(r => r.Type).Where(t => t.Namespaced).Distinct())
        {
            foreach (var obj in _api.Store.List(type, ns))
            {
                try
                {
                    _api.Store.Delete(type, ns, (string)obj["metadata"]!["name"]!);
                }
                catch (StoreException)
                {
                    // Deleted concurrently: nothing left to do.
                }
            }
        }
    }
}
