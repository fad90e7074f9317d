namespace KubeEmulator.Api;

/// <summary>Every request the emulator answered, in order. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RequestRecord> _records = [];

    public IReadOnlyList<RequestRecord> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Requests matching verb and/or resource (null matches any). Resource may name a subresource: "deployments/status".</summary>
    public int Count(string? verb = null, string? resource = null) => Where(verb, resource).Count;

    public IReadOnlyList<RequestRecord> Where(string? verb = null, string? resource = null, string? name = null) =>
        Where(r => (verb is null || r.Verb == verb)
            && (resource is null || r.Resource == resource || r.RbacResource == resource)
            && (name is null || r.Name == name));

    public IReadOnlyList<RequestRecord> Where(Func<RequestRecord, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _records.Where(predicate)];
        }
    }

    /// <summary>The distinct (verb, group, resource) triples used: what a least-privilege Role must allow. Discovery is left out.</summary>
    public IReadOnlySet<(string Verb, string Group, string Resource)> Permissions()
    {
        lock (_gate)
        {
            return _records.Where(r => r.Resource.Length > 0).Select(r => (r.Verb, r.Group, r.RbacResource)).ToHashSet();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    internal void Add(RequestRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }
    }
}
