namespace KubeEmulator.Ambassador;

/// <summary>Knobs of the simulated Ambassador (Emissary) and the synthetic traffic it serves.</summary>
public sealed record AmbassadorSimulatorOptions
{
    /// <summary>Seed of every random choice (request mix, weighted pick, endpoint, errors, latency).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>This instance's AMBASSADOR_ID: only Mappings whose ambassador_id contains it are routed ("default" when a Mapping names none).</summary>
    public string AmbassadorId { get; init; } = "default";

    /// <summary>Labels that identify the Ambassador pods; traffic is spread over the ready ones.</summary>
    public IReadOnlyDictionary<string, string> PodSelector { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = "emissary-ingress" };

    /// <summary>Namespace of the Ambassador pods; null means any.</summary>
    public string? PodNamespace { get; init; }

    public TrafficProfile Traffic { get; init; } = new();

    /// <summary>How a backend behaves when its image has no entry in <see cref="Images"/>.</summary>
    public BackendBehaviour DefaultBehaviour { get; init; } = BackendBehaviour.Healthy;

    /// <summary>Behaviour per container image (exact string, e.g. "example/web:2.0").</summary>
    public IReadOnlyDictionary<string, BackendBehaviour> Images { get; init; } = new Dictionary<string, BackendBehaviour>(StringComparer.Ordinal);

    /// <summary>Optional rule consulted after <see cref="Images"/>, e.g. by tag; null means "no opinion".</summary>
    public Func<string, BackendBehaviour?>? BehaviourFor { get; init; }
}
