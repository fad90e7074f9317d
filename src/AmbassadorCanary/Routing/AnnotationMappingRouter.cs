using System.Text.Json.Nodes;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Workloads;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Routing;

/// <summary>
/// Ambassador 0.x: Mappings are YAML documents in the getambassador.io/config annotation of a Service.
/// The canary's documents live on the canary Service, so removing the route is removing that annotation.
/// </summary>
internal sealed class AnnotationMappingRouter(IKubernetes client, CanaryRoutePlan plan, ILogger logger) : ITrafficRouter
{
    public PrimaryRoute Primary => plan.Primary;

    public RouteNames Names => plan.Names;

    private string Ns => plan.Names.Namespace;

    public IReadOnlyList<JsonObject> Plan(int weight)
    {
        var objects = new List<JsonObject>();
        if (plan.PrimarySpecToWrite() is not null && plan.Primary.AnnotationOwner is { } owner)
        {
            var docs = plan.Primary.OwnerDocuments.Select(d => (JsonObject)d.DeepClone()).ToList();
            objects.Add(ServicePatch(owner, AnnotationYaml.Write(WithPrimaryStats(docs))));
        }

        objects.Add(ServicePatch(plan.CanaryService, AnnotationYaml.Write(CanaryDocuments(weight))));
        return objects;
    }

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        if (plan.PrimarySpecToWrite() is not null && plan.Primary.AnnotationOwner is { } owner)
        {
            await UpdateAnnotationAsync(owner, WithPrimaryStats, cancellationToken);
            RouterLog.PrimaryStatsSet(logger, Ns, plan.Primary.Name, plan.PrimaryStats);
        }

        var weight = await GetWeightAsync(cancellationToken) ?? 0;
        await UpdateAnnotationAsync(plan.CanaryService, _ => CanaryDocuments(weight), cancellationToken);
        RouterLog.MappingApplied(logger, Ns, plan.Names.Canary);
    }

    public async Task SetWeightAsync(int weight, CancellationToken cancellationToken)
    {
        var current = await GetWeightAsync(cancellationToken);
        if (current is null && weight == 0)
        {
            return;
        }

        await UpdateAnnotationAsync(plan.CanaryService, docs =>
        {
            var canary = docs.FirstOrDefault(d => (string?)d["name"] == plan.Names.Canary);
            if (canary is null)
            {
                return CanaryDocuments(weight);
            }

            canary["weight"] = weight;
            return docs;
        }, cancellationToken);
        RouterLog.WeightSet(logger, Ns, plan.Names.Canary, weight);
    }

    public async Task<int?> GetWeightAsync(CancellationToken cancellationToken)
    {
        var service = await ReadServiceAsync(plan.CanaryService, cancellationToken);
        var canary = Documents(service).FirstOrDefault(d => (string?)d["name"] == plan.Names.Canary);
        return canary is null ? null : (int?)canary["weight"] ?? 100;
    }

    public async Task FinalizeAsync(CancellationToken cancellationToken)
    {
        if (await ReadServiceAsync(plan.CanaryService, cancellationToken) is { } service && Documents(service).Count > 0)
        {
            await UpdateAnnotationAsync(plan.CanaryService, _ => [], cancellationToken);
            RouterLog.MappingDeleted(logger, Ns, plan.Names.Canary);
        }
    }

    private List<JsonObject> CanaryDocuments(int weight)
    {
        var docs = new List<JsonObject> { Document(plan.Names.Canary, plan.CanarySpec(weight)) };
        if (plan.HeaderSpec() is { } header)
        {
            docs.Add(Document(plan.Names.Header!, header));
        }

        return docs;
    }

    private List<JsonObject> WithPrimaryStats(List<JsonObject> docs)
    {
        foreach (var doc in docs.Where(d => (string?)d["name"] == plan.Primary.Name))
        {
            doc["stats_name"] ??= plan.Names.DefaultPrimaryStats;
        }

        return docs;
    }

    private static JsonObject Document(string name, JsonObject spec)
    {
        var doc = new JsonObject { ["apiVersion"] = MappingDialects.AnnotationApiVersion, ["kind"] = "Mapping", ["name"] = name };
        foreach (var (key, value) in spec)
        {
            doc[key] = value?.DeepClone();
        }

        return doc;
    }

    private JsonObject ServicePatch(string service, string annotation) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject
        {
            ["name"] = service,
            ["namespace"] = Ns,
            ["annotations"] = new JsonObject { [MappingDialects.AnnotationKey] = annotation },
        },
    };

    private static List<JsonObject> Documents(V1Service? service) =>
        service?.Metadata.Annotations?.TryGetValue(MappingDialects.AnnotationKey, out var yaml) == true ? AnnotationYaml.Read(yaml) : [];

    private Task<V1Service?> ReadServiceAsync(string name, CancellationToken cancellationToken) =>
        CreateOrReplace.ReadAsync($"Service {Ns}/{name}",
            ct => client.CoreV1.ReadNamespacedServiceAsync(name, Ns, cancellationToken: ct)!, cancellationToken);

    /// <summary>Rewrites a Service's Mapping documents; no documents removes the annotation. The Service must exist.</summary>
    private Task<V1Service> UpdateAnnotationAsync(string name, Func<List<JsonObject>, List<JsonObject>> update, CancellationToken cancellationToken) =>
        CreateOrReplace.RunAsync(
            $"Service {Ns}/{name}",
            ct => ReadServiceAsync(name, ct),
            _ => throw new ClusterOperationException($"Service {Ns}/{name}: not found, so its {MappingDialects.AnnotationKey} annotation cannot be written"),
            (current, ct) =>
            {
                var docs = update(Documents(current));
                current.Metadata.Annotations ??= new Dictionary<string, string>();
                if (docs.Count == 0)
                {
                    current.Metadata.Annotations.Remove(MappingDialects.AnnotationKey);
                }
                else
                {
                    current.Metadata.Annotations[MappingDialects.AnnotationKey] = AnnotationYaml.Write(docs);
                }

                return client.CoreV1.ReplaceNamespacedServiceAsync(current, name, Ns, cancellationToken: ct);
            },
            cancellationToken);
}
