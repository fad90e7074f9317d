namespace KubeEmulator.Ambassador;

/// <summary>The simulator's running totals behind <see cref="RoutedTraffic"/>.</summary>
internal sealed class TrafficTotals
{
    public long Requests { get; set; }

    public long NoIngress { get; set; }

    public long Unrouted { get; set; }

    public long ShadowCopies { get; set; }

    public Dictionary<string, EnvoyClusterStats> Clusters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Mappings { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> Images { get; } = new(StringComparer.Ordinal);

    public EnvoyClusterStats Cluster(string name)
    {
        if (!Clusters.TryGetValue(name, out var stats))
        {
            stats = new EnvoyClusterStats();
            Clusters[name] = stats;
        }

        return stats;
    }

    public RoutedTraffic Snapshot() => new()
    {
        Requests = Requests,
        NoIngress = NoIngress,
        Unrouted = Unrouted,
        ShadowCopies = ShadowCopies,
        Clusters = Clusters.ToDictionary(
            kv => kv.Key,
            kv => new ClusterTraffic(
                kv.Key,
                kv.Value.ByStatusCode.Values.Sum(),
                kv.Value.UpstreamRequests,
                kv.Value.NoHealthyUpstream,
                new Dictionary<int, long>(kv.Value.ByStatusCode),
                kv.Value.LatencySumMs),
            StringComparer.Ordinal),
        Mappings = new Dictionary<string, long>(Mappings, StringComparer.Ordinal),
        Images = new Dictionary<string, long>(Images, StringComparer.Ordinal),
    };
}
