using System.Text.Json.Nodes;
using KubeEmulator.Controllers;

namespace KubeEmulator.Ambassador;

/// <summary>
/// Builds the route table from the objects the simulated Ambassador watches: Mappings (CRDs and Service annotations)
/// filtered by ambassador_id, and for each Mapping's service the ready pods its selector picks.
/// </summary>
internal static class RouteTableBuilder
{
    public static RouteTable Build(
        IEnumerable<JsonObject> mappings,
        IReadOnlyCollection<JsonObject> services,
        IReadOnlyCollection<JsonObject> pods,
        string ambassadorId,
        Func<IReadOnlyList<string>, (string Image, BackendBehaviour Behaviour)> behaviour)
    {
        var routes = mappings.Select(MappingReader.FromResource).OfType<MappingRoute>()
            .Concat(services.SelectMany(MappingReader.FromServiceAnnotation))
            .Where(m => m.AmbassadorIds.Contains(ambassadorId, StringComparer.Ordinal))
            .ToList();

        var endpointCache = new Dictionary<(string Ns, string Name), IReadOnlyList<BackendEndpoint>>();
        IReadOnlyList<BackendEndpoint> Endpoints(MappingRoute mapping)
        {
            var reference = ServiceReference.Parse(mapping.Service, mapping.Namespace);
            var key = (reference.Namespace, reference.Name);
            if (!endpointCache.TryGetValue(key, out var endpoints))
            {
                endpoints = ResolveEndpoints(reference, services, pods, behaviour);
                endpointCache[key] = endpoints;
            }

            return endpoints;
        }

        var groups = routes
            .GroupBy(m => m.GroupKey, StringComparer.Ordinal)
            .Select(g => new RouteGroup(g.OrderBy(m => m.Id, StringComparer.Ordinal).ToList(), Endpoints))
            .Where(g => g.Serves)
            .OrderByDescending(g => g.Specificity)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var clusters = routes.Select(m => m.ClusterName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new RouteTable(groups, clusters);
    }

    private static List<BackendEndpoint> ResolveEndpoints(
        ServiceReference reference,
        IReadOnlyCollection<JsonObject> services,
        IReadOnlyCollection<JsonObject> pods,
        Func<IReadOnlyList<string>, (string Image, BackendBehaviour Behaviour)> behaviour)
    {
        var service = services.FirstOrDefault(s =>
            JsonRead.String(s["metadata"]?["namespace"]) == reference.Namespace && JsonRead.String(s["metadata"]?["name"]) == reference.Name);
        if (service?["spec"]?["selector"] is not JsonObject selector || selector.Count == 0)
        {
            return []; // Unknown service or one without a selector: no endpoints.
        }

        var result = new List<BackendEndpoint>();
        foreach (var pod in pods)
        {
            if (JsonRead.String(pod["metadata"]?["namespace"]) != reference.Namespace
                || pod["metadata"]?["deletionTimestamp"] is not null
                || !SimulatedPod.IsReady(pod)
                || !selector.All(kv => JsonRead.String(pod["metadata"]?["labels"]?[kv.Key]) == JsonRead.String(kv.Value)))
            {
                continue;
            }

            var images = SimulatedPod.Images(pod["spec"] as JsonObject ?? []).ToList();
            var (image, pick) = behaviour(images);
            result.Add(new BackendEndpoint(JsonRead.String(pod["metadata"]?["name"]) ?? "", image, pick));
        }

        return result;
    }
}
