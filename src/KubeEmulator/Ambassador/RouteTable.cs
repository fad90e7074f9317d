using System.Text.RegularExpressions;

namespace KubeEmulator.Ambassador;

/// <summary>A synthetic request as Envoy's route matcher sees it. Header names are lower case.</summary>
internal sealed record SyntheticRequest(string Host, string Path, string Method, IReadOnlyDictionary<string, string> Headers);

/// <summary>A ready pod behind a cluster, with the behaviour of its image.</summary>
internal sealed record BackendEndpoint(string Pod, string Image, BackendBehaviour Behaviour);

/// <summary>One Mapping of a group with its effective weight and the ready endpoints of its service.</summary>
internal sealed record RouteTarget(MappingRoute Mapping, double Weight, IReadOnlyList<BackendEndpoint> Endpoints)
{
    public string ClusterName => Mapping.ClusterName;
}

/// <summary>
/// Mappings that share prefix, host/hostname, method, headers and precedence: one Envoy route with weighted
/// clusters, plus the shadow Mappings of the same group as request mirrors.
/// </summary>
internal sealed class RouteGroup
{
    private readonly MappingRoute _keys;
    private readonly double[] _cumulative;
    private readonly Regex? _prefixRegex;
    private readonly Regex? _hostRegex;
    private readonly List<(HeaderMatch Match, Regex? Regex)> _headers;
    private readonly bool _valid = true;

    public RouteGroup(IReadOnlyList<MappingRoute> members, Func<MappingRoute, IReadOnlyList<BackendEndpoint>> endpoints)
    {
        _keys = members[0];
        var serving = members.Where(m => !m.Shadow).ToList();
        var explicitTotal = serving.Sum(m => Math.Max(m.Weight ?? 0, 0));
        var unweighted = serving.Count(m => m.Weight is null);
        var share = unweighted == 0 ? 0 : Math.Max(100 - explicitTotal, 0) / unweighted;
        Targets = serving.Select(m => new RouteTarget(m, m.Weight is { } w ? Math.Max(w, 0) : share, endpoints(m))).ToList();
        Shadows = members.Where(m => m.Shadow).Select(m => new RouteTarget(m, Math.Clamp(m.Weight ?? 100, 0, 100), endpoints(m))).ToList();
        _cumulative = new double[Targets.Count];
        var sum = 0.0;
        for (var i = 0; i < Targets.Count; i++)
        {
            sum += Targets[i].Weight;
            _cumulative[i] = sum;
        }

        try
        {
            _prefixRegex = _keys.PrefixRegex ? FullMatch(_keys.Prefix) : null;
            _hostRegex = _keys.HostRegex && _keys.Host is not null ? FullMatch(_keys.Host) : null;
            _headers = _keys.Headers.Select(h => (h, h.Regex ? FullMatch(h.Value ?? ".*") : null)).ToList();
        }
        catch (ArgumentException)
        {
            _headers = [];
            _valid = false; // Envoy would reject the route; nothing matches it.
        }
    }

    public IReadOnlyList<RouteTarget> Targets { get; }

    public IReadOnlyList<RouteTarget> Shadows { get; }

    public bool Serves => Targets.Count > 0 && _valid;

    /// <summary>Envoy's order: precedence first, then the more constrained route (host, prefix length, method, headers).</summary>
    public (int Precedence, int Host, int Prefix, int Method, int Headers) Specificity =>
        (_keys.Precedence, (_keys.Host?.Length ?? 0) + (_keys.Hostname is null or "*" ? 0 : _keys.Hostname.Length), _keys.Prefix.Length,
            _keys.Method is null ? 0 : 1, _keys.Headers.Count);

    public string Key => _keys.GroupKey;

    public bool Matches(SyntheticRequest request)
    {
        try
        {
            return Serves && MatchesUnguarded(request);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // A runaway pattern must not break the store write that triggered routing.
        }
    }

    private bool MatchesUnguarded(SyntheticRequest request)
    {

        var pathMatches = _prefixRegex is not null ? _prefixRegex.IsMatch(request.Path)
            : _keys.PrefixExact ? request.Path == _keys.Prefix
            : request.Path.StartsWith(_keys.Prefix, StringComparison.Ordinal);
        if (!pathMatches || (_keys.Method is not null && !string.Equals(_keys.Method, request.Method, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // Emissary 2+ treats a non-regex `host` like `hostname`: a DNS glob, of which an exact name is the simple case.
        if (_keys.Host is not null && !(_hostRegex?.IsMatch(request.Host) ?? HostnameMatches(_keys.Host, request.Host)))
        {
            return false;
        }

        if (!HostnameMatches(_keys.Hostname, request.Host))
        {
            return false;
        }

        foreach (var (match, regex) in _headers)
        {
            if (!request.Headers.TryGetValue(match.Name.ToLowerInvariant(), out var value)
                || (regex is not null && !regex.IsMatch(value))
                || (regex is null && match.Value is not null && value != match.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Envoy's weighted_clusters pick: proportional to weight (uniform if every weight is zero).</summary>
    public RouteTarget Pick(Random random)
    {
        var total = _cumulative[^1];
        if (total <= 0)
        {
            return Targets[random.Next(Targets.Count)];
        }

        var r = random.NextDouble() * total;
        var index = Array.FindIndex(_cumulative, c => r < c);
        return Targets[index < 0 ? Targets.Count - 1 : index];
    }

    private static bool HostnameMatches(string? glob, string host)
    {
        if (glob is null or "*")
        {
            return true;
        }

        return glob.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(glob[1..], StringComparison.OrdinalIgnoreCase) && host.Length > glob.Length - 1
            : string.Equals(glob, host, StringComparison.OrdinalIgnoreCase);
    }

    // Envoy's safe_regex matches the whole value (RE2 FullMatch).
    private static Regex FullMatch(string pattern) => new($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}

/// <summary>The route table of one Ambassador configuration: groups in match order.</summary>
internal sealed class RouteTable(IReadOnlyList<RouteGroup> groups, IReadOnlyList<string> clusterNames)
{
    public static readonly RouteTable Empty = new([], []);

    public IReadOnlyList<RouteGroup> Groups { get; } = groups;

    /// <summary>Every envoy_cluster_name in the configuration, so stats show configured clusters before traffic.</summary>
    public IReadOnlyList<string> ClusterNames { get; } = clusterNames;

    public RouteGroup? Match(SyntheticRequest request) => Groups.FirstOrDefault(g => g.Matches(request));
}
