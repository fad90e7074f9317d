namespace KubeEmulator.Api;

public enum FaultKind
{
    /// <summary>500 InternalError.</summary>
    InternalError,

    /// <summary>429 TooManyRequests with a Retry-After header.</summary>
    TooManyRequests,

    /// <summary>No answer until the client gives up (or the emulator stops).</summary>
    Hang,

    /// <summary>409 Conflict, as for a stale resourceVersion.</summary>
    Conflict,
}

/// <summary>Answer the next <see cref="Count"/> requests that match with <see cref="Kind"/>. Null filters match anything.</summary>
public sealed record FaultRule
{
    public required FaultKind Kind { get; init; }

    /// <summary>RBAC verb: get, list, watch, create, update, patch, delete.</summary>
    public string? Verb { get; init; }

    /// <summary>Plural resource, e.g. "mappings", or with a subresource, "deployments/status".</summary>
    public string? Resource { get; init; }

    public string? Name { get; init; }

    public int Count { get; init; } = 1;

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);
}
