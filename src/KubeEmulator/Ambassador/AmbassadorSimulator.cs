using System.Text.Json.Nodes;
using KubeEmulator.Controllers;
using KubeEmulator.Store;

namespace KubeEmulator.Ambassador;

/// <summary>
/// A simulated Emissary: routes a synthetic request stream by the Mappings in the store and keeps Envoy's cluster
/// stats per Ambassador pod. Traffic is generated lazily for the simulated time elapsed since the last generation,
/// whenever stats are read or a watched object changes (with the routing as it was before the change), so it is
/// deterministic under a VirtualClock and still works on the system clock.
/// </summary>
public sealed partial class AmbassadorSimulator : IDisposable
{
    /// <summary>Ambassador's admin port, where /metrics relays Envoy's /stats/prometheus.</summary>
    public const int AdminPort = 8877;

    private readonly Lock _gate = new();
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly AmbassadorSimulatorOptions _options;
    private readonly ObservedObjects _observed = new();
    private readonly Dictionary<string, BackendBehaviour> _images;
    private readonly Random _random;
    private readonly TrafficTotals _totals = new();
    private readonly Dictionary<(string Ns, string Pod), Dictionary<string, EnvoyClusterStats>> _podStats = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _failures = new();
    private TrafficProfile _traffic;
    private DateTimeOffset _lastGenerated;
    private double _carry;
    private bool _dirty = true;

    public AmbassadorSimulator(ObjectStore store, TimeProvider time, AmbassadorSimulatorOptions? options = null)
    {
        _store = store;
        _time = time;
        _options = options ?? new AmbassadorSimulatorOptions();
        _images = new Dictionary<string, BackendBehaviour>(_options.Images, StringComparer.Ordinal);
        _traffic = _options.Traffic;
        _random = new Random(_options.Seed);
        _lastGenerated = time.GetUtcNow();
        _store.Changed += OnChanged;

        // Listed outside the lock (the store may hold its own lock while raising Changed); newer events win.
        var existing = new[] { ResourceType.Mappings, ResourceType.Services, ResourceType.Pods }
            .SelectMany(t => _store.List(t, null).Select(o => (t, o)))
            .ToList();
        lock (_gate)
        {
            foreach (var (type, obj) in existing)
            {
                _observed.Seed(type, obj);
            }
        }

        PodProxy = HandlePodProxyAsync;
    }

    /// <summary>Answers the API server's pod proxy for each Ambassador pod: port 8877, paths metrics and stats/prometheus.</summary>
    public PodProxyHandler PodProxy { get; }

    /// <summary>Errors met while simulating in reaction to a store write (kept here so the write itself never fails).</summary>
    public IReadOnlyCollection<Exception> Failures => _failures;

    /// <summary>Names of the Ambassador pods (namespace/name) that currently receive traffic.</summary>
    public IReadOnlyList<string> ReadyAmbassadorPods
    {
        get
        {
            lock (_gate)
            {
                return IngressPods().Select(p => $"{p.Ns}/{p.Pod}").ToList();
            }
        }
    }

    /// <summary>Totals of what was routed, after generating the traffic due up to now.</summary>
    public RoutedTraffic GetTraffic()
    {
        lock (_gate)
        {
            Generate();
            return _totals.Snapshot();
        }
    }

    /// <summary>Prometheus text of one Ambassador pod's stats, or of the sum over all of them (pod null). Null when there is no such pod.</summary>
    public string? GetMetricsText(string? pod = null, string? ns = null)
    {
        lock (_gate)
        {
            Generate();
            Rebuild(); // Registers configured clusters even before any traffic.
            if (pod is null)
            {
                var sum = new Dictionary<string, EnvoyClusterStats>(StringComparer.Ordinal);
                foreach (var stats in _podStats.Values)
                {
                    foreach (var (cluster, counters) in stats)
                    {
                        if (!sum.TryGetValue(cluster, out var total))
                        {
                            total = new EnvoyClusterStats();
                            sum[cluster] = total;
                        }

                        total.Add(counters);
                    }
                }

                return EnvoyPrometheusWriter.Write(sum);
            }

            var key = _podStats.Keys.FirstOrDefault(k => k.Pod == pod && (ns is null || k.Ns == ns));
            return key.Pod is null ? null : EnvoyPrometheusWriter.Write(_podStats[key]);
        }
    }

    /// <summary>Changes the request stream from now on (traffic so far is generated with the old one).</summary>
    public void SetTraffic(TrafficProfile traffic)
    {
        lock (_gate)
        {
            Generate();
            _traffic = traffic;
            _dirty = true;
        }
    }

    /// <summary>Changes how an image behaves from now on, e.g. to make a canary start failing mid-rollout.</summary>
    public void SetImageBehaviour(string image, BackendBehaviour behaviour)
    {
        lock (_gate)
        {
            Generate();
            _images[image] = behaviour;
            _dirty = true;
        }
    }

    /// <summary>
    /// Restarts the Ambassador container of a pod: its Envoy counters start again from zero (a counter reset for
    /// scrapers) and the pod's restartCount goes up. Returns false when there is no such Ambassador pod.
    /// </summary>
    public bool RestartPod(string name, string? ns = null)
    {
        (string Ns, string Pod) key;
        lock (_gate)
        {
            Generate();
            key = _podStats.Keys.FirstOrDefault(k => k.Pod == name && (ns is null || k.Ns == ns));
            if (key.Pod is null)
            {
                return false;
            }

            _podStats[key] = [];
            _dirty = true; // Re-registers the configured clusters at zero.
        }

        try
        {
            _store.Update(ResourceType.Pods, key.Ns, key.Pod, BumpRestartCount, statusOnly: true);
        }
        catch (StoreException ex) when (ex.Code == 404)
        {
            // Deleted meanwhile: nothing left to mark.
        }

        return true;
    }

    /// <summary>Starts a loopback listener (127.0.0.1, free port) serving the sum over all Ambassador pods at /metrics.</summary>
    public Task<MetricsEndpoint> StartMetricsEndpointAsync(CancellationToken cancellationToken) =>
        MetricsEndpoint.StartAsync(() => GetMetricsText() ?? "", cancellationToken);

    public void Dispose() => _store.Changed -= OnChanged;

    private void OnChanged(object? sender, ObjectChange change)
    {
        if (!ObservedObjects.Watches(change.Resource))
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                Generate(); // With the routing as it was before this change.
            }
            catch (Exception ex)
            {
                // The writer that raised Changed must not fail because of the simulation.
                _failures.Enqueue(new InvalidOperationException($"simulated Ambassador: generating traffic before {change.Resource} {change.Namespace}/{change.Name} changed failed: {ex.Message}", ex));
            }

            if (_observed.Apply(change))
            {
                _dirty = true;
                if (change.Resource == ResourceType.Pods && change.Type == ChangeType.Deleted)
                {
                    _podStats.Remove((change.Namespace, change.Name));
                }
            }
        }
    }

    private Task<PodProxyResponse?> HandlePodProxyAsync(PodProxyRequest request, CancellationToken cancellationToken)
    {
        var path = request.Path.Split('?')[0].Trim('/');
        if (request.Port != AdminPort || path is not ("metrics" or "stats/prometheus"))
        {
            return Task.FromResult<PodProxyResponse?>(null);
        }

        lock (_gate)
        {
            var pod = _observed.Get(ResourceType.Pods, request.Namespace, request.Pod);
            if (pod is null || !IsAmbassadorPod(pod))
            {
                return Task.FromResult<PodProxyResponse?>(null);
            }
        }

        var text = GetMetricsText(request.Pod, request.Namespace);
        return Task.FromResult(text is null ? null : new PodProxyResponse(200, EnvoyPrometheusWriter.ContentType, text));
    }

    private static JsonObject BumpRestartCount(JsonObject pod)
    {
        foreach (var container in pod["status"]?["containerStatuses"] as JsonArray ?? [])
        {
            if (container is JsonObject c)
            {
                c["restartCount"] = (JsonRead.Int(c["restartCount"]) ?? 0) + 1;
            }
        }

        return pod;
    }
}
