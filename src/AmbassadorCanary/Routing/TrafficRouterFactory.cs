using System.Text.Json.Nodes;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Workloads;
using k8s;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Routing;

/// <summary>
/// Finds the dialect and the primary Mapping (reads only), checks it, and builds the router for it.
/// Bad input (no such Mapping, a weighted primary, a mismatched service) throws RolloutInputException before any write.
/// </summary>
internal static class TrafficRouterFactory
{
    public static async Task<ITrafficRouter> CreateAsync(IKubernetes client, RolloutSpec spec, ILogger logger, CancellationToken cancellationToken)
    {
        var dialect = spec.Route.Dialect;
        if (dialect == MappingDialect.Auto)
        {
            dialect = await DialectDetector.DetectAsync(client, cancellationToken);
            RouterLog.Dialect(logger, dialect, "detected from API discovery");
        }
        else
        {
            RouterLog.Dialect(logger, dialect, "set in the spec");
        }

        var primary = dialect == MappingDialect.Annotation
            ? await FindInAnnotationsAsync(client, spec, cancellationToken)
            : await FindCrdAsync(client, spec, dialect, cancellationToken);
        var problems = PrimaryRouteReader.Problems(primary, spec.Target);
        if (problems.Count > 0)
        {
            throw new RolloutInputException(string.Join(Environment.NewLine, problems));
        }

        RouterLog.PrimaryFound(logger, primary.Namespace, primary.Name, primary.Service);
        var plan = new CanaryRoutePlan(
            primary,
            RouteNames.For(primary.Namespace, primary.Name, spec.HeaderRoute),
            CanaryNames.For(spec.Target, primary.Service.Name).CanaryService,
            spec.HeaderRoute,
            spec.Route.AmbassadorId);
        return Create(client, plan, logger);
    }

    /// <summary>The one place a dialect maps to a router; every dialect is handled, none falls back.</summary>
    public static ITrafficRouter Create(IKubernetes client, CanaryRoutePlan plan, ILogger logger) => plan.Primary.Dialect switch
    {
        MappingDialect.V3Alpha1 or MappingDialect.V2 or MappingDialect.V1 => new AmbassadorMappingRouter(client, plan, logger),
        MappingDialect.Annotation => new AnnotationMappingRouter(client, plan, logger),
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Primary.Dialect, "no router for this dialect"),
    };

    private static async Task<PrimaryRoute> FindCrdAsync(IKubernetes client, RolloutSpec spec, MappingDialect dialect, CancellationToken cancellationToken)
    {
        var ns = spec.Target.Namespace;
        var version = MappingDialects.Version(dialect);
        if (spec.Route.Mapping is { } name)
        {
            var mapping = await CreateOrReplace.ReadAsync($"Mapping {ns}/{name}",
                ct => client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(MappingDialects.Group, version, ns, MappingDialects.Plural, name, ct)!,
                cancellationToken)
                ?? throw new RolloutInputException($"Mapping {ns}/{name} ({MappingDialects.Group}/{version}) not found");
            return PrimaryRouteReader.FromCrd(mapping, dialect);
        }

        var list = await CreateOrReplace.ReadAsync($"Mappings in {ns}",
            ct => client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(MappingDialects.Group, version, ns, MappingDialects.Plural, cancellationToken: ct)!,
            cancellationToken);
        var matches = (list?["items"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(m => !PrimaryRouteReader.IsOurs(m["metadata"]?["labels"] as JsonObject, (string?)m["metadata"]?["name"] ?? ""))
            .Where(m => m["spec"] is JsonObject s && PrimaryRouteReader.Matches(s, dialect, spec.Route))
            .ToList();
        EnsureSingle(matches.Select(m => (string?)m["metadata"]?["name"] ?? "").ToList(), ns, spec.Route);
        return PrimaryRouteReader.FromCrd(matches[0], dialect);
    }

    private static async Task<PrimaryRoute> FindInAnnotationsAsync(IKubernetes client, RolloutSpec spec, CancellationToken cancellationToken)
    {
        var ns = spec.Target.Namespace;
        var services = await CreateOrReplace.ReadAsync($"Services in {ns}",
            ct => client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: ct)!, cancellationToken);
        var found = new List<(string Owner, List<JsonObject> Docs, JsonObject Doc)>();
        foreach (var service in services?.Items ?? [])
        {
            if (service.Metadata.Labels?.TryGetValue(CanaryLabels.Role, out var role) == true && role is CanaryLabels.RoleValue or Preview.PreviewLabels.RoleValue)
            {
                continue;
            }

            if (service.Metadata.Annotations?.TryGetValue(MappingDialects.AnnotationKey, out var yaml) != true)
            {
                continue;
            }

            List<JsonObject> docs;
            try
            {
                docs = AnnotationYaml.Read(yaml);
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new RolloutInputException($"Service {ns}/{service.Metadata.Name}: annotation {MappingDialects.AnnotationKey} is not valid YAML: {e.Message}", e);
            }

            foreach (var doc in docs.Where(d => (string?)d["kind"] == "Mapping"))
            {
                var name = (string?)doc["name"] ?? "";
                var hit = spec.Route.Mapping is { } wanted ? name == wanted : !PrimaryRouteReader.IsOurs(null, name) && PrimaryRouteReader.Matches(doc, MappingDialect.Annotation, spec.Route);
                if (hit)
                {
                    found.Add((service.Metadata.Name, docs, doc));
                }
            }
        }

        if (found.Count == 0 && spec.Route.Mapping is { } missing)
        {
            throw new RolloutInputException($"Mapping {missing} not found in any {MappingDialects.AnnotationKey} annotation of the Services in namespace {ns}");
        }

        EnsureSingle(found.Select(f => $"{(string?)f.Doc["name"]} (on Service {f.Owner})").ToList(), ns, spec.Route);
        return PrimaryRouteReader.FromAnnotation(ns, found[0].Owner, found[0].Docs, found[0].Doc);
    }

    /// <summary>Exactly one Mapping must match a prefix/host search.</summary>
    private static void EnsureSingle(List<string> names, string ns, RouteSpec route)
    {
        var what = $"prefix {route.Prefix}{(route.Host is null ? "" : $" and host {route.Host}")}";
        if (names.Count == 0)
        {
            throw new RolloutInputException($"no Mapping with {what} in namespace {ns}");
        }

        if (names.Count > 1)
        {
            throw new RolloutInputException($"{names.Count} Mappings match {what} in namespace {ns}: {string.Join(", ", names)}; name the primary Mapping explicitly");
        }
    }
}
