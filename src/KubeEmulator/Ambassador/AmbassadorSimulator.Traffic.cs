using System.Text.Json.Nodes;
using KubeEmulator.Controllers;
using KubeEmulator.Store;

namespace KubeEmulator.Ambassador;

/// <summary>Traffic generation: the route table, the request mix and the per-request simulation. Callers hold _gate.</summary>
public sealed partial class AmbassadorSimulator
{
    private RouteTable _table = RouteTable.Empty;
    private List<(double CumulativeShare, RouteGroup? Group)> _variants = [];
    private List<(string Ns, string Pod)> _ingress = [];

    /// <summary>Generates the requests due between the last generation and now.</summary>
    private void Generate()
    {
        var now = _time.GetUtcNow();
        if (now <= _lastGenerated)
        {
            return;
        }

        var expected = (_traffic.RequestsPerSecond * (now - _lastGenerated).TotalSeconds) + _carry;
        _lastGenerated = now;
        var count = (long)Math.Floor(expected);
        _carry = expected - count;
        if (count <= 0)
        {
            return;
        }

        Rebuild();
        for (long i = 0; i < count; i++)
        {
            SimulateRequest();
        }
    }

    private void Rebuild()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        var pods = _observed.All(ResourceType.Pods);
        _table = RouteTableBuilder.Build(
            _observed.All(ResourceType.Mappings), _observed.All(ResourceType.Services), pods, _options.AmbassadorId, Behaviour);

        _variants = [];
        var share = 0.0;
        foreach (var segment in _traffic.Segments)
        {
            share += Math.Max(segment.Share, 0);
            _variants.Add((share, _table.Match(Request(segment))));
        }

        _variants.Add((double.PositiveInfinity, _table.Match(Request(null))));

        var ambassadorPods = pods.Where(IsAmbassadorPod).ToList();
        _ingress = ambassadorPods.Where(SimulatedPod.IsReady).Select(Key).ToList();
        foreach (var key in ambassadorPods.Select(Key))
        {
            if (!_podStats.TryGetValue(key, out var stats))
            {
                stats = new Dictionary<string, EnvoyClusterStats>(StringComparer.Ordinal);
                _podStats[key] = stats;
            }

            foreach (var cluster in _table.ClusterNames)
            {
                stats.TryAdd(cluster, new EnvoyClusterStats());
            }
        }

        static (string Ns, string Pod) Key(JsonObject pod) =>
            (JsonRead.String(pod["metadata"]?["namespace"]) ?? "", JsonRead.String(pod["metadata"]?["name"]) ?? "");
    }

    private void SimulateRequest()
    {
        _totals.Requests++;
        if (_ingress.Count == 0)
        {
            _totals.NoIngress++;
            return;
        }

        var r = _random.NextDouble();
        var group = _variants.First(v => r < v.CumulativeShare).Group;
        var stats = _podStats[_ingress[_random.Next(_ingress.Count)]];
        if (group is null)
        {
            _totals.Unrouted++;
            return;
        }

        var target = group.Pick(_random);
        _totals.Mappings[target.Mapping.Id] = _totals.Mappings.GetValueOrDefault(target.Mapping.Id) + 1;
        Serve(stats, target);
        foreach (var shadow in group.Shadows)
        {
            if (shadow.Weight >= 100 || _random.NextDouble() * 100 < shadow.Weight)
            {
                _totals.ShadowCopies++;
                Serve(stats, shadow);
            }
        }
    }

    private void Serve(Dictionary<string, EnvoyClusterStats> podStats, RouteTarget target)
    {
        if (!podStats.TryGetValue(target.ClusterName, out var stats))
        {
            stats = new EnvoyClusterStats();
            podStats[target.ClusterName] = stats;
        }

        var total = _totals.Cluster(target.ClusterName);
        if (target.Endpoints.Count == 0)
        {
            stats.RecordNoHealthyUpstream();
            total.RecordNoHealthyUpstream();
            return;
        }

        var endpoint = target.Endpoints[_random.Next(target.Endpoints.Count)];
        var behaviour = endpoint.Behaviour;
        var code = behaviour.ErrorRate > 0 && _random.NextDouble() < behaviour.ErrorRate ? behaviour.ErrorStatusCode : 200;
        var latency = behaviour.Latency.Sample(_random);
        stats.RecordResponse(code, latency);
        total.RecordResponse(code, latency);
        _totals.Images[endpoint.Image] = _totals.Images.GetValueOrDefault(endpoint.Image) + 1;
    }

    private SyntheticRequest Request(TrafficSegment? segment)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (segment is not null)
        {
            foreach (var (name, value) in segment.Headers)
            {
                headers[name.ToLowerInvariant()] = value;
            }

            if (segment.Cookie is not null)
            {
                headers["cookie"] = $"session=s1; {segment.Cookie}";
            }
        }

        return new SyntheticRequest(_traffic.Host, _traffic.Path, _traffic.Method, headers);
    }

    /// <summary>The image that decides a pod's behaviour: the first container with a configured behaviour, else the first container.</summary>
    private (string Image, BackendBehaviour Behaviour) Behaviour(IReadOnlyList<string> images)
    {
        foreach (var image in images)
        {
            if (_images.TryGetValue(image, out var configured) || (configured = _options.BehaviourFor?.Invoke(image)) is not null)
            {
                return (image, configured);
            }
        }

        return (images.Count > 0 ? images[0] : "", _options.DefaultBehaviour);
    }

    private bool IsAmbassadorPod(JsonObject pod) =>
        (_options.PodNamespace is null || JsonRead.String(pod["metadata"]?["namespace"]) == _options.PodNamespace)
        && pod["metadata"]?["deletionTimestamp"] is null
        && _options.PodSelector.All(kv => JsonRead.String(pod["metadata"]?["labels"]?[kv.Key]) == kv.Value);

    private List<(string Ns, string Pod)> IngressPods()
    {
        Rebuild();
        return _ingress;
    }
}
