namespace KubeEmulator.Ambassador;

/// <summary>
/// What the simulated Ambassador routed since it started, summed over its pods and never reset by
/// <see cref="AmbassadorSimulator.RestartPod"/>: for tests and benchmarks to compare with what metrics report.
/// </summary>
public sealed record RoutedTraffic
{
    /// <summary>Synthetic requests generated.</summary>
    public long Requests { get; init; }

    /// <summary>Requests dropped because no Ambassador pod was ready.</summary>
    public long NoIngress { get; init; }

    /// <summary>Requests no Mapping matched (Envoy answers 404 itself; no cluster stat moves).</summary>
    public long Unrouted { get; init; }

    /// <summary>Shadow copies sent (not part of <see cref="Requests"/>).</summary>
    public long ShadowCopies { get; init; }

    /// <summary>Per envoy_cluster_name, shadow copies included.</summary>
    public IReadOnlyDictionary<string, ClusterTraffic> Clusters { get; init; } = new Dictionary<string, ClusterTraffic>();

    /// <summary>Requests answered through each Mapping ("namespace/name"), shadow copies excluded.</summary>
    public IReadOnlyDictionary<string, long> Mappings { get; init; } = new Dictionary<string, long>();

    /// <summary>Upstream requests per backend image (shadow copies included).</summary>
    public IReadOnlyDictionary<string, long> Images { get; init; } = new Dictionary<string, long>();

    public ClusterTraffic Cluster(string name) =>
        Clusters.TryGetValue(name, out var c) ? c : new ClusterTraffic(name, 0, 0, 0, new Dictionary<int, long>(), 0);

    public long MappingRequests(string id) => Mappings.GetValueOrDefault(id);
}

/// <summary>One cluster's counts: every response (with local 503s for no healthy upstream) and those from upstream hosts.</summary>
public sealed record ClusterTraffic(
    string Name,
    long Responses,
    long UpstreamRequests,
    long NoHealthyUpstream,
    IReadOnlyDictionary<int, long> ByStatusCode,
    double LatencySumMs)
{
    public long Errors5xx => ByStatusCode.Where(c => c.Key >= 500).Sum(c => c.Value);
}
