using System.Globalization;
using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Ambassador;

/// <summary>
/// The simulator's own copy of the objects it watches (Mappings, Services, Pods), kept from the store's change
/// events so routing never has to call the store while holding the simulator's lock. Stale events (lower
/// resourceVersion than what is known, deletions included) are ignored.
/// </summary>
internal sealed class ObservedObjects
{
    private readonly Dictionary<(ResourceType Type, string Ns, string Name), (JsonObject? Object, long Version)> _objects = [];

    public static bool Watches(ResourceType type) =>
        type == ResourceType.Mappings || type == ResourceType.Services || type == ResourceType.Pods;

    /// <summary>Applies a change; returns false when it was stale.</summary>
    public bool Apply(ObjectChange change) =>
        Set(change.Resource, change.Namespace, change.Name, change.Type == ChangeType.Deleted ? null : change.Object, change.ResourceVersion);

    public bool Seed(ResourceType type, JsonObject obj)
    {
        var meta = obj["metadata"];
        var version = long.TryParse((string?)meta?["resourceVersion"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return Set(type, (string?)meta?["namespace"] ?? "", (string?)meta?["name"] ?? "", obj, version);
    }

    public IReadOnlyCollection<JsonObject> All(ResourceType type) =>
        _objects.Where(kv => kv.Key.Type == type && kv.Value.Object is not null)
            .OrderBy(kv => kv.Key.Ns, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Name, StringComparer.Ordinal)
            .Select(kv => kv.Value.Object!)
            .ToList();

    public JsonObject? Get(ResourceType type, string ns, string name) =>
        _objects.TryGetValue((type, ns, name), out var entry) ? entry.Object : null;

    private bool Set(ResourceType type, string ns, string name, JsonObject? obj, long version)
    {
        var key = (type, ns, name);
        if (_objects.TryGetValue(key, out var known) && known.Version > version)
        {
            return false;
        }

        _objects[key] = (obj, version);
        return true;
    }
}
