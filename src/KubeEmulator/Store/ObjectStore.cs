using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KubeEmulator.Store;

/// <summary>
/// The emulator's etcd: every object as JSON, with the write semantics of the API server
/// (uid, creationTimestamp, monotonic resourceVersion, generation on spec changes, optimistic concurrency,
/// status kept apart from the rest). Thread-safe; every read returns a private copy.
/// </summary>
public sealed partial class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ResourceType Type, string Namespace, string Name), JsonObject> _objects = [];
    private readonly TimeProvider _time;
    private long _resourceVersion = 1000;
    private long _nameSuffix;

    public ObjectStore(TimeProvider time) => _time = time;

    /// <summary>Raised after each committed write, outside the store's lock, in commit order per thread.</summary>
    public event EventHandler<ObjectChange>? Changed;

    public long CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(Key(type, ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    /// <summary>Objects of a type, in one namespace or (ns null) in all, ordered by namespace then name.</summary>
    public IReadOnlyList<JsonObject> List(ResourceType type, string? ns)
    {
        lock (_gate)
        {
            return _objects
                .Where(kv => kv.Key.Type == type && (ns is null || !type.Namespaced || kv.Key.Namespace == ns))
                .OrderBy(kv => kv.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Name, StringComparer.Ordinal)
                .Select(kv => (JsonObject)kv.Value.DeepClone())
                .ToList();
        }
    }

    public JsonObject Create(ResourceType type, string? ns, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        var meta = Metadata(copy);
        ObjectChange change;
        lock (_gate)
        {
            var name = (string?)meta["name"];
            if (string.IsNullOrEmpty(name) && meta["generateName"] is JsonValue prefix)
            {
                name = (string?)prefix + (++_nameSuffix).ToString("x5", CultureInfo.InvariantCulture);
                meta["name"] = name;
            }

            if (string.IsNullOrEmpty(name))
            {
                throw StoreException.Invalid(type, "", "metadata.name: Required value: name or generateName is required");
            }

            ValidateName(type, name);
            var key = Key(type, ns, name);
            if (_objects.ContainsKey(key))
            {
                throw StoreException.AlreadyExists(type, name);
            }

            if (type.Namespaced)
            {
                meta["namespace"] = ns;
            }

            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Timestamp(_time.GetUtcNow());
            meta["generation"] = 1L;
            meta["resourceVersion"] = NextVersion();
            meta.Remove("deletionTimestamp");
            _objects[key] = copy;
            change = new ObjectChange(ChangeType.Added, type, key.Namespace, name, (JsonObject)copy.DeepClone(), _resourceVersion);
        }

        Changed?.Invoke(this, change);
        return (JsonObject)change.Object.DeepClone();
    }

    /// <summary>
    /// PUT semantics. A resourceVersion in the body must match the stored one (409 otherwise); none means "last write wins".
    /// With statusOnly only the status is taken from the body; otherwise the stored status is kept.
    /// </summary>
    public JsonObject Replace(ResourceType type, string? ns, string name, JsonObject obj, bool statusOnly = false)
    {
        var incoming = (JsonObject)obj.DeepClone();
        ObjectChange change;
        lock (_gate)
        {
            var key = Key(type, ns, name);
            if (!_objects.TryGetValue(key, out var current))
            {
                throw StoreException.NotFound(type, name);
            }

            var incomingMeta = Metadata(incoming);
            var expected = (string?)incomingMeta["resourceVersion"];
            var currentMeta = Metadata(current);
            if (!string.IsNullOrEmpty(expected) && expected != (string?)currentMeta["resourceVersion"])
            {
                throw StoreException.Conflict(type, name);
            }

            var bodyName = (string?)incomingMeta["name"];
            if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
            {
                throw new StoreException(400, "BadRequest", $"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }

            JsonObject next;
            if (statusOnly)
            {
                next = (JsonObject)current.DeepClone();
                SetOrRemove(next, "status", incoming["status"]);
            }
            else
            {
                next = incoming;
                var meta = Metadata(next);
                foreach (var fixedField in new[] { "uid", "creationTimestamp", "namespace", "name" })
                {
                    meta[fixedField] = currentMeta[fixedField]?.DeepClone();
                }

                meta["generation"] = GenerationOf(currentMeta);
                SetOrRemove(next, "status", current["status"]);
                if (!JsonNode.DeepEquals(SpecOf(current), SpecOf(next)))
                {
                    meta["generation"] = GenerationOf(currentMeta) + 1;
                }
            }

            Metadata(next)["resourceVersion"] = NextVersion();
            _objects[key] = next;
            change = new ObjectChange(ChangeType.Modified, type, key.Namespace, name, (JsonObject)next.DeepClone(), _resourceVersion);
        }

        Changed?.Invoke(this, change);
        return (JsonObject)change.Object.DeepClone();
    }

    /// <summary>Read-modify-write under the store's lock, for controllers and patches. The mutator gets a private copy.</summary>
    public JsonObject Update(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> mutate, bool statusOnly = false)
    {
        lock (_gate)
        {
            var current = Get(type, ns, name) ?? throw StoreException.NotFound(type, name);
            var next = mutate(current);
            Metadata(next)["resourceVersion"] = Metadata(current)["resourceVersion"]?.DeepClone();
            return Replace(type, ns, name, next, statusOnly);
        }
    }

    public JsonObject Delete(ResourceType type, string? ns, string name)
    {
        ObjectChange change;
        lock (_gate)
        {
            var key = Key(type, ns, name);
            if (!_objects.Remove(key, out var removed))
            {
                throw StoreException.NotFound(type, name);
            }

            Metadata(removed)["resourceVersion"] = NextVersion();
            change = new ObjectChange(ChangeType.Deleted, type, key.Namespace, name, removed, _resourceVersion);
        }

        Changed?.Invoke(this, change);
        return (JsonObject)change.Object.DeepClone();
    }

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static (ResourceType Type, string Namespace, string Name) Key(ResourceType type, string? ns, string name) =>
        (type, type.Namespaced ? ns ?? "" : "", name);

    // Tolerates an int-backed JsonValue (a cast to long? throws on those).
    private static long GenerationOf(JsonObject meta) =>
        meta["generation"] is JsonValue v && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : 1;

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    /// <summary>Everything but metadata and status counts as spec: that is how generation works for CRDs too.</summary>
    private static JsonObject SpecOf(JsonObject obj)
    {
        var spec = new JsonObject();
        foreach (var (k, v) in obj)
        {
            if (k is not ("metadata" or "status" or "apiVersion" or "kind"))
            {
                spec[k] = v?.DeepClone();
            }
        }

        return spec;
    }

    private static void SetOrRemove(JsonObject obj, string field, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(field);
        }
        else
        {
            obj[field] = value.DeepClone();
        }
    }

    private static void ValidateName(ResourceType type, string name)
    {
        if (name.Length > 253 || !Dns1123Subdomain().IsMatch(name))
        {
            throw StoreException.Invalid(type, name,
                $"metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
        }
    }

    private string NextVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();
}
