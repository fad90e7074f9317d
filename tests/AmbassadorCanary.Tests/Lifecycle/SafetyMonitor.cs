using System.Text.Json.Nodes;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Workloads;
using k8s;
using k8s.Models;
using KubeEmulator.Store;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>
/// Watches the emulator's committed writes and records every moment the canary route had a weight above 0 while the
/// canary Deployment was not ready (or absent). Covers CRD Mappings and the annotation dialect.
/// </summary>
internal sealed class SafetyMonitor : IDisposable
{
    private readonly ObjectStore _store;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _weights = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private WorkloadHealth _canary = WorkloadHealth.Absent;

    public SafetyMonitor(ObjectStore store)
    {
        _store = store;
        store.Changed += OnChanged;
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Highest canary weight seen in any write.</summary>
    public int MaxWeight { get; private set; }

    public void Dispose() => _store.Changed -= OnChanged;

    private void OnChanged(object? sender, ObjectChange change)
    {
        lock (_gate)
        {
            if (change.Resource == ResourceType.Deployments && change.Name.EndsWith("-canary", StringComparison.Ordinal))
            {
                _canary = change.Type == ChangeType.Deleted
                    ? WorkloadHealth.Absent
                    : DeploymentHealth.Of(KubernetesJson.Deserialize<V1Deployment>(change.Object.ToJsonString()), Images(change.Object));
            }
            else if (change.Resource == ResourceType.Mappings && change.Name.EndsWith("-canary", StringComparison.Ordinal))
            {
                _weights[change.Name] = change.Type == ChangeType.Deleted ? 0 : (int?)change.Object["spec"]?["weight"] ?? 100;
            }
            else if (change.Resource == ResourceType.Services && change.Name.EndsWith("-canary", StringComparison.Ordinal))
            {
                var yaml = (string?)change.Object["metadata"]?["annotations"]?[MappingDialects.AnnotationKey];
                var doc = change.Type == ChangeType.Deleted ? null : AnnotationYaml.Read(yaml).FirstOrDefault(d => ((string?)d["name"])?.EndsWith("-canary", StringComparison.Ordinal) == true);
                _weights["annotation:" + change.Name] = doc is null ? 0 : (int?)doc["weight"] ?? 100;
            }
            else
            {
                return;
            }

            var weight = _weights.Values.DefaultIfEmpty(0).Max();
            MaxWeight = Math.Max(MaxWeight, weight);
            if (weight > 0 && _canary != WorkloadHealth.Ready)
            {
                _violations.Add($"{change.Type} {change.Resource} {change.Name}: canary weight {weight} while the canary Deployment is {_canary}");
            }
        }
    }

    /// <summary>The images the canary Deployment is meant to run: its own template's (readiness of that template is what counts).</summary>
    private static Dictionary<string, string> Images(JsonObject deployment) =>
        (deployment["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [])
        .OfType<JsonObject>()
        .ToDictionary(c => (string)c["name"]!, c => (string)c["image"]!);
}
