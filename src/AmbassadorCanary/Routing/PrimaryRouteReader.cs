using System.Text.Json.Nodes;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Routing;

/// <summary>Turns a found Mapping (CRD object or annotation document) into a PrimaryRoute, and checks it. Pure.</summary>
internal static class PrimaryRouteReader
{
    public static PrimaryRoute FromCrd(JsonObject mapping, MappingDialect dialect)
    {
        var ns = (string?)mapping["metadata"]?["namespace"] ?? "";
        var name = (string?)mapping["metadata"]?["name"] ?? "";
        var spec = (JsonObject?)mapping["spec"]?.DeepClone() ?? [];
        return new PrimaryRoute(dialect, ns, name, spec, ParseService(ns, name, spec))
        {
            Labels = (JsonObject?)mapping["metadata"]?["labels"]?.DeepClone(),
        };
    }

    public static PrimaryRoute FromAnnotation(string ns, string owner, IReadOnlyList<JsonObject> documents, JsonObject document)
    {
        var name = (string?)document["name"] ?? "";
        var spec = new JsonObject();
        foreach (var (key, value) in document)
        {
            if (key is not ("apiVersion" or "kind" or "name"))
            {
                spec[key] = value?.DeepClone();
            }
        }

        return new PrimaryRoute(MappingDialect.Annotation, ns, name, spec, ParseService(ns, name, spec))
        {
            AnnotationOwner = owner,
            OwnerDocuments = documents.Select(d => (JsonObject)d.DeepClone()).ToList(),
        };
    }

    /// <summary>Every reason this Mapping cannot be the primary of the target, all at once.</summary>
    public static IReadOnlyList<string> Problems(PrimaryRoute primary, TargetSpec target)
    {
        var problems = new List<string>();
        var where = $"Mapping {primary.Namespace}/{primary.Name}";
        if (primary.Spec["weight"] is { } weight)
        {
            problems.Add($"{where} has weight {weight.ToJsonString()}: the primary Mapping must carry no weight (it receives whatever the canary does not). Remove its weight and run again.");
        }

        if (target.Service is { } service && service != primary.Service.Name)
        {
            problems.Add($"{where} routes to service '{primary.Service.Name}', but the target Service is '{service}'");
        }

        if (primary.Service.Namespace is { } ns && ns != target.Namespace)
        {
            problems.Add($"{where} routes to a Service in namespace '{ns}', but the target is in namespace '{target.Namespace}'");
        }

        return problems;
    }

    /// <summary>True when a Mapping is the canary or header route this tool made (so it is never taken for a primary).</summary>
    public static bool IsOurs(JsonObject? labels, string name) =>
        (string?)labels?[Workloads.CanaryLabels.Role] is Workloads.CanaryLabels.RoleValue or Preview.PreviewLabels.RoleValue || name.EndsWith("-canary", StringComparison.Ordinal) || name.EndsWith("-canary-header", StringComparison.Ordinal);

    /// <summary>Matches the route's prefix and, when given, its host (hostname in v3alpha1).</summary>
    public static bool Matches(JsonObject spec, MappingDialect dialect, RouteSpec route) =>
        (string?)spec["prefix"] == route.Prefix
        && (route.Host is null || MappingDialects.HostOf(dialect == MappingDialect.Annotation ? MappingDialect.V1 : dialect, spec) == route.Host);

    private static ServiceReference ParseService(string ns, string name, JsonObject spec) =>
        ServiceReference.TryParse((string?)spec["service"])
        ?? throw new RolloutInputException($"Mapping {ns}/{name}: service '{(string?)spec["service"]}' is not a [scheme://]name[.namespace][:port] reference");
}
