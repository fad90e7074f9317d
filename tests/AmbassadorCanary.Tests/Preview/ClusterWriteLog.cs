using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace AmbassadorCanary.Tests.Preview;

/// <summary>Every committed write to the emulator's store, in order, for ordering and safety assertions.</summary>
internal sealed class ClusterWriteLog : IDisposable
{
    private readonly ObjectStore _store;
    private readonly Lock _gate = new();
    private readonly List<ObjectChange> _changes = [];

    public ClusterWriteLog(ObjectStore store)
    {
        _store = store;
        store.Changed += OnChanged;
    }

    public IReadOnlyList<ObjectChange> Changes
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes];
            }
        }
    }

    /// <summary>"Added Deployment web-pr-7"-style lines for the named objects, pods and status-only churn left out.</summary>
    public IReadOnlyList<string> AddsAndDeletes(params string[] names) =>
        Changes.Where(c => c.Type != ChangeType.Modified && names.Contains(c.Name))
            .Select(c => $"{c.Type} {c.Resource.Kind} {c.Name}")
            .ToList();

    /// <summary>True when Deployment name had an available replica in a write before change index.</summary>
    public bool WasReadyBefore(string deployment, int index) =>
        Changes.Take(index).Any(c => c.Resource == ResourceType.Deployments && c.Name == deployment && (int?)c.Object["status"]?["availableReplicas"] >= 1);

    public int IndexOf(ChangeType type, ResourceType resource, string name) =>
        Changes.ToList().FindIndex(c => c.Type == type && c.Resource == resource && c.Name == name);

    public void Dispose() => _store.Changed -= OnChanged;

    private void OnChanged(object? sender, ObjectChange change)
    {
        lock (_gate)
        {
            _changes.Add(change);
        }
    }
}
