namespace KubeEmulator.Api;

internal enum ApiRequestKind
{
    Discovery,
    Resource,
    PodProxy,
}

/// <summary>A request's path, decoded into the parts RBAC and the request log speak of.</summary>
internal sealed record ApiRequest
{
    public required ApiRequestKind Kind { get; init; }

    /// <summary>get, list, watch, create, update, patch, delete or deletecollection.</summary>
    public required string Verb { get; init; }

    public string Group { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary>The plural resource name from the path; empty for discovery.</summary>
    public string Resource { get; init; } = "";

    public string? Subresource { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    /// <summary>For discovery: true under /apis (named groups), false under /api (core).</summary>
    public bool NamedGroups { get; init; }

    /// <summary>The path after /proxy/ for the pod proxy.</summary>
    public string ProxyPath { get; init; } = "";

    public static ApiRequest Parse(string method, string path, bool watch)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.None);
        if (segments.Length == 0 || segments[0] is not ("api" or "apis"))
        {
            throw ApiException.NoRoute();
        }

        string group;
        string version;
        int restStart;
        if (segments[0] == "api")
        {
            if (segments.Length == 1 || (segments.Length == 2 && segments[1] == "v1"))
            {
                return Discovery(method, namedGroups: false, "", segments.Length == 2 ? "v1" : "");
            }

            if (segments[1] != "v1")
            {
                throw ApiException.NoRoute();
            }

            (group, version, restStart) = ("", "v1", 2);
        }
        else
        {
            if (segments.Length <= 3)
            {
                return Discovery(method, namedGroups: true, segments.Length > 1 ? segments[1] : "", segments.Length > 2 ? segments[2] : "");
            }

            (group, version, restStart) = (segments[1], segments[2], 3);
        }

        var rest = segments[restStart..];
        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces" && rest[2] is not ("status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length == 0 || rest.Any(s => s.Length == 0))
        {
            throw ApiException.NoRoute();
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var sub = rest.Length > 2 ? rest[2] : null;
        if (sub == "proxy" && rest[0] == "pods" && group.Length == 0)
        {
            return new ApiRequest
            {
                Kind = ApiRequestKind.PodProxy,
                Verb = VerbOf(method, hasName: true, watch: false),
                Version = version,
                Resource = "pods",
                Subresource = "proxy",
                Namespace = ns,
                Name = name,
                ProxyPath = string.Join('/', rest[3..]),
            };
        }

        if (rest.Length > 3)
        {
            throw ApiException.NoRoute();
        }

        return new ApiRequest
        {
            Kind = ApiRequestKind.Resource,
            Verb = VerbOf(method, name is not null, watch),
            Group = group,
            Version = version,
            Resource = rest[0],
            Subresource = sub,
            Namespace = ns,
            Name = name,
        };
    }

    private static ApiRequest Discovery(string method, bool namedGroups, string group, string version) => new()
    {
        Kind = ApiRequestKind.Discovery,
        NamedGroups = namedGroups,
        Verb = VerbOf(method, hasName: true, watch: false),
        Group = group,
        Version = version,
    };

    private static string VerbOf(string method, bool hasName, bool watch) => method.ToUpperInvariant() switch
    {
        "GET" or "HEAD" => hasName ? "get" : watch ? "watch" : "list",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => hasName ? "delete" : "deletecollection",
        _ => method.ToLowerInvariant(),
    };
}
