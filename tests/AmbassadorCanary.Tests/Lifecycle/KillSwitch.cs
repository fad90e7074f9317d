using KubeEmulator.Store;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>
/// Simulates a run's process dying: once tripped, every further request of that client fails as if the process were
/// gone (nothing more is written, the lock is not released). Trips after the n-th rollout transition is persisted.
/// </summary>
internal sealed class KillSwitch : DelegatingHandler
{
    private readonly ObjectStore _store;
    private readonly int _afterTransitions;
    private string? _last;
    private int _transitions;
    private volatile bool _dead;

    public KillSwitch(ObjectStore store, int afterTransitions)
    {
        _store = store;
        _afterTransitions = afterTransitions;
        store.Changed += OnChanged;
    }

    public bool Dead => _dead;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _dead ? throw new HttpRequestException("the process was killed") : base.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        _store.Changed -= OnChanged;
        base.Dispose(disposing);
    }

    private void OnChanged(object? sender, ObjectChange change)
    {
        if (change.Resource != ResourceType.ConfigMaps || change.Name != "web-canary-state" || _dead)
        {
            return;
        }

        var state = AmbassadorCanary.Lifecycle.RolloutStateStore.Deserialize((string)change.Object["data"]!["state.json"]!);
        var key = $"{state.Phase}/{state.StepIndex}/{state.Weight}";
        if (_last is not null && key != _last && ++_transitions >= _afterTransitions)
        {
            _dead = true;
        }

        _last = key;
    }
}
