using System.Text.Json.Nodes;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Routing;

/// <summary>Everything a router needs to build its objects, independent of dialect.</summary>
internal sealed record CanaryRoutePlan(PrimaryRoute Primary, RouteNames Names, string CanaryService, HeaderRouteSpec? HeaderRoute, IReadOnlyList<string> AmbassadorIds)
{
    public JsonObject CanarySpec(int weight) => CanaryMappingBuilder.CanarySpec(Primary, Names, CanaryService, weight, AmbassadorIds);

    public JsonObject? HeaderSpec() =>
        HeaderRoute is null ? null : CanaryMappingBuilder.HeaderSpec(Primary, Names, CanaryService, HeaderRoute, AmbassadorIds);

    /// <summary>The primary's spec with its stats_name, or null when it already has one (then it is not written).</summary>
    public JsonObject? PrimarySpecToWrite() => Primary.StatsName is null ? CanaryMappingBuilder.PrimaryWithStats(Primary, Names) : null;

    public string PrimaryStats => Primary.StatsName ?? Names.DefaultPrimaryStats;
}
