using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>
/// The recent committed writes, so that a watch can start from a resourceVersion as the API server's watch cache allows.
/// A resourceVersion older than what is kept gets 410 Gone, as from the real server.
/// </summary>
internal sealed class ChangeHistory : IDisposable
{
    private const int Capacity = 20_000;
    private readonly Lock _gate = new();
    private readonly Queue<ObjectChange> _changes = new();
    private readonly ObjectStore _store;
    private long _oldestKept;

    public ChangeHistory(ObjectStore store)
    {
        _store = store;
        _oldestKept = store.CurrentResourceVersion;
        store.Changed += OnChanged;
    }

    /// <summary>Changes after the given resourceVersion, oldest first; null when they are no longer all kept.</summary>
    public IReadOnlyList<ObjectChange>? Since(long resourceVersion)
    {
        lock (_gate)
        {
            if (resourceVersion < _oldestKept)
            {
                return null;
            }

            return [.. _changes.Where(c => c.ResourceVersion > resourceVersion).OrderBy(c => c.ResourceVersion)];
        }
    }

    public void Dispose() => _store.Changed -= OnChanged;

    private void OnChanged(object? sender, ObjectChange change)
    {
        lock (_gate)
        {
            _changes.Enqueue(change);
            while (_changes.Count > Capacity)
            {
                _oldestKept = _changes.Dequeue().ResourceVersion;
            }
        }
    }
}
