namespace KubeEmulator.Ambassador;

/// <summary>A header condition of a Mapping: exact value, presence (value true in Ambassador's dialect), or a regex.</summary>
internal sealed record HeaderMatch(string Name, string? Value, bool Regex)
{
    public string Key => $"{Name.ToLowerInvariant()}{(Regex ? "~" : "=")}{Value ?? "*"}";
}

/// <summary>One Mapping, whatever dialect it came from, reduced to what routing and stats need.</summary>
internal sealed record MappingRoute
{
    /// <summary>"namespace/name" of the Mapping (or of the annotation Mapping, with the Service's namespace).</summary>
    public required string Id { get; init; }

    public required string Namespace { get; init; }

    public required string Prefix { get; init; }

    public bool PrefixRegex { get; init; }

    public bool PrefixExact { get; init; }

    /// <summary>`host`: a DNS glob like hostname (an exact name is the simple case), or a regex with host_regex.</summary>
    public string? Host { get; init; }

    public bool HostRegex { get; init; }

    /// <summary>v3alpha1 `hostname`: a DNS glob such as "*.example.com"; "*" or null matches everything.</summary>
    public string? Hostname { get; init; }

    public string? Method { get; init; }

    public IReadOnlyList<HeaderMatch> Headers { get; init; } = [];

    public int Precedence { get; init; }

    /// <summary>The explicit weight, or null when the Mapping shares what the weighted ones leave.</summary>
    public double? Weight { get; init; }

    public bool Shadow { get; init; }

    public required string Service { get; init; }

    public string? StatsName { get; init; }

    public IReadOnlyList<string> AmbassadorIds { get; init; } = ["default"];

    /// <summary>The envoy_cluster_name label: stats_name, else the service string with non-alphanumerics as '_'.</summary>
    public string ClusterName => string.IsNullOrEmpty(StatsName) ? Sanitise(Service) : StatsName;

    /// <summary>Mappings with equal keys form one group and split its traffic by weight.</summary>
    public string GroupKey =>
        string.Join('\u0001', Prefix, PrefixRegex, PrefixExact, Host ?? "", HostRegex, Hostname ?? "*", Method ?? "", Precedence,
            string.Join('\u0002', Headers.Select(h => h.Key).Order(StringComparer.Ordinal)));

    public static string Sanitise(string service) =>
        string.Create(service.Length, service, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(s[i]) ? s[i] : '_';
            }
        });
}
