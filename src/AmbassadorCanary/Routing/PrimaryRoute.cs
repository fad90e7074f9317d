using System.Text.Json.Nodes;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Routing;

/// <summary>
/// The user's Mapping, as found. Spec holds the routing keys flat (the CRD's spec, or the annotation document
/// without apiVersion/kind/name) so every dialect is cloned the same way.
/// </summary>
internal sealed record PrimaryRoute(MappingDialect Dialect, string Namespace, string Name, JsonObject Spec, ServiceReference Service)
{
    /// <summary>For the annotation dialect: the Service whose getambassador.io/config holds the Mapping.</summary>
    public string? AnnotationOwner { get; init; }

    /// <summary>For the annotation dialect: every Mapping document of the owner's annotation, the primary's included.</summary>
    public IReadOnlyList<JsonObject> OwnerDocuments { get; init; } = [];

    /// <summary>metadata.labels of a CRD Mapping (a Host's mappingSelector may rely on them), copied to the canary's.</summary>
    public JsonObject? Labels { get; init; }

    /// <summary>The primary's own stats_name, when it already has one (it is then kept).</summary>
    public string? StatsName => (string?)Spec["stats_name"];
}
