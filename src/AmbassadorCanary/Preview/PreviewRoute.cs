using System.Text.Json.Nodes;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Workloads;
using k8s;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Preview;

/// <summary>
/// The preview's header-route Mapping web-pr-123: the primary's routing keys plus a header or cookie match, no weight,
/// service pointing at the preview Service. A Mapping CRD, or (annotation dialect) a document on the preview Service.
/// </summary>
internal sealed class PreviewRoute(IKubernetes client, PrimaryRoute primary, HeaderRouteSpec header, PreviewNames names, IReadOnlyList<string> ambassadorIds, ILogger logger)
{
    private readonly RouteNames _routeNames = RouteNames.For(primary.Namespace, primary.Name, header);

    public string MappingName => _routeNames.Header!;

    private string Ns => primary.Namespace;

    /// <summary>The Mapping as it is written: a CRD object, or the annotation document.</summary>
    public JsonObject Build()
    {
        var spec = CanaryMappingBuilder.HeaderSpec(primary, _routeNames, names.Service, header, ambassadorIds);
        if (primary.Dialect == MappingDialect.Annotation)
        {
            var doc = new JsonObject { ["apiVersion"] = MappingDialects.AnnotationApiVersion, ["kind"] = "Mapping", ["name"] = MappingName };
            foreach (var (key, value) in spec)
            {
                doc[key] = value?.DeepClone();
            }

            return doc;
        }

        var labels = (JsonObject?)primary.Labels?.DeepClone() ?? [];
        labels[CanaryLabels.Role] = PreviewLabels.RoleValue;
        labels[CanaryLabels.Primary] = primary.Name;
        labels[PreviewLabels.Name] = names.Name;
        return new JsonObject
        {
            ["apiVersion"] = $"{MappingDialects.Group}/{MappingDialects.Version(primary.Dialect)}",
            ["kind"] = "Mapping",
            ["metadata"] = new JsonObject { ["name"] = MappingName, ["namespace"] = Ns, ["labels"] = labels },
            ["spec"] = spec,
        };
    }

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var desired = Build();
        if (primary.Dialect == MappingDialect.Annotation)
        {
            await SetAnnotationAsync(AnnotationYaml.Write([desired]), cancellationToken);
        }
        else
        {
            var version = MappingDialects.Version(primary.Dialect);
            await CreateOrReplace.RunAsync(
                $"Mapping {Ns}/{MappingName}",
                ct => ReadAsync(version, ct),
                ct => client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(desired, MappingDialects.Group, version, Ns, MappingDialects.Plural, cancellationToken: ct),
                (current, ct) =>
                {
                    desired["metadata"]!["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone();
                    return client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(desired, MappingDialects.Group, version, Ns, MappingDialects.Plural, MappingName, cancellationToken: ct);
                },
                cancellationToken);
        }

        PreviewLog.MappingApplied(logger, Ns, MappingName, names.Service);
    }

    /// <summary>Removes the route; nothing there is fine. Returns whether something was removed.</summary>
    public async Task<bool> RemoveAsync(CancellationToken cancellationToken)
    {
        bool removed;
        if (primary.Dialect == MappingDialect.Annotation)
        {
            removed = await SetAnnotationAsync(null, cancellationToken);
        }
        else
        {
            var version = MappingDialects.Version(primary.Dialect);
            removed = await CreateOrReplace.DeleteAsync($"Mapping {Ns}/{MappingName}",
                ct => client.CustomObjects.DeleteNamespacedCustomObjectAsync(MappingDialects.Group, version, Ns, MappingDialects.Plural, MappingName, cancellationToken: ct),
                cancellationToken);
        }

        if (removed)
        {
            PreviewLog.Deleted(logger, "Mapping", Ns, MappingName);
        }

        return removed;
    }

    private Task<JsonObject?> ReadAsync(string version, CancellationToken cancellationToken) =>
        CreateOrReplace.ReadAsync($"Mapping {Ns}/{MappingName}",
            ct => client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(MappingDialects.Group, version, Ns, MappingDialects.Plural, MappingName, ct)!,
            cancellationToken);

    /// <summary>Annotation dialect: sets (or, with null, removes) the Mapping annotation of the preview Service.</summary>
    private async Task<bool> SetAnnotationAsync(string? yaml, CancellationToken cancellationToken)
    {
        var what = $"Service {Ns}/{names.Service}";
        var changed = false;
        var current = await CreateOrReplace.ReadAsync(what, ct => client.CoreV1.ReadNamespacedServiceAsync(names.Service, Ns, cancellationToken: ct)!, cancellationToken);
        if (current is null)
        {
            return yaml is null ? false : throw new Lifecycle.ClusterOperationException($"{what}: not found; the preview Service must exist before its route");
        }

        await CreateOrReplace.RunAsync(
            what,
            ct => client.CoreV1.ReadNamespacedServiceAsync(names.Service, Ns, cancellationToken: ct)!,
            _ => throw new Lifecycle.ClusterOperationException($"{what}: disappeared while its route was written"),
            (service, ct) =>
            {
                service.Metadata.Annotations ??= new Dictionary<string, string>();
                changed = yaml is null ? service.Metadata.Annotations.Remove(MappingDialects.AnnotationKey) : true;
                if (yaml is not null)
                {
                    service.Metadata.Annotations[MappingDialects.AnnotationKey] = yaml;
                }

                return client.CoreV1.ReplaceNamespacedServiceAsync(service, names.Service, Ns, cancellationToken: ct);
            },
            cancellationToken);
        return changed;
    }
}
