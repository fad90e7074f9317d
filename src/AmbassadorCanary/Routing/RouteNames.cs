using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Routing;

/// <summary>Names of the Mappings for primary Mapping `web` in namespace `prod`, and the stats names Envoy reports them by.</summary>
internal sealed record RouteNames(string Namespace, string Primary, string? HeaderRouteName)
{
    /// <summary>web-canary.</summary>
    public string Canary => Primary + "-canary";

    /// <summary>web-canary-header by default; web-pr-123 for header route name "pr-123".</summary>
    public string? Header => HeaderRouteName switch
    {
        null => null,
        "header" => Primary + "-canary-header",
        var name => $"{Primary}-{name}",
    };

    /// <summary>stats_name given to the primary when it has none: prod-web-primary.</summary>
    public string DefaultPrimaryStats => $"{Namespace}-{Primary}-primary";

    /// <summary>prod-web-canary.</summary>
    public string CanaryStats => $"{Namespace}-{Canary}";

    public string? HeaderStats => Header is null ? null : $"{Namespace}-{Header}";

    public static RouteNames For(string @namespace, string primaryMapping, HeaderRouteSpec? header) =>
        new(@namespace, primaryMapping, header?.Name);
}
