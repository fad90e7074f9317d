namespace AmbassadorCanary.Spec;

/// <summary>How the canary is judged each tick. Readiness is always checked; metrics are added by Provider.</summary>
public sealed record AnalysisSpec
{
    public MetricsProviderKind Provider { get; init; } = MetricsProviderKind.EnvoyStats;

    /// <summary>Static floor: canary success rate (non-5xx share), percent.</summary>
    public double MinSuccessRate { get; init; } = 99;

    /// <summary>Static ceiling: canary p99 latency.</summary>
    public TimeSpan MaxLatencyP99 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Below this many canary requests in a tick the static checks report no-data.</summary>
    public int MinRequests { get; init; } = 20;

    /// <summary>No-data ticks tolerated before each further one counts as a failed check.</summary>
    public int NoDataLimit { get; init; } = 3;

    public EnvoyStatsSpec Envoy { get; init; } = new();

    public PrometheusSpec? Prometheus { get; init; }

    public IReadOnlyList<CustomMetricSpec> Metrics { get; init; } = [];

    public IReadOnlyList<WebhookSpec> Webhooks { get; init; } = [];

    public JudgeSpec Judge { get; init; } = new();
}

public enum MetricsProviderKind
{
    None,
    EnvoyStats,
    Prometheus,
}

/// <summary>Where Ambassador's Envoy admin endpoint is found.</summary>
public sealed record EnvoyStatsSpec
{
    /// <summary>Label selectors tried in order; the first that matches pods wins.</summary>
    public IReadOnlyList<string> PodSelectors { get; init; } =
    [
        "app.kubernetes.io/name=emissary-ingress",
        "app.kubernetes.io/name=ambassador",
        "service=ambassador",
    ];

    /// <summary>Namespace of the Ambassador pods; empty means search all namespaces.</summary>
    public string? Namespace { get; init; }

    public int AdminPort { get; init; } = 8877;
}

public sealed record PrometheusSpec
{
    public required Uri Url { get; init; }

    public string? BearerToken { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>PEM file of a CA to trust for the Prometheus endpoint.</summary>
    public string? CaFile { get; init; }
}

/// <summary>A PromQL query with {{ namespace }}, {{ target }}, {{ canary }}, {{ primary }}, {{ interval }} templates.</summary>
public sealed record CustomMetricSpec
{
    public required string Name { get; init; }

    public required string Query { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }
}

public enum WebhookKind
{
    PreRollout,
    Step,
    ConfirmPromotion,
    PostRollout,
    Rollback,
}

public sealed record WebhookSpec
{
    public required string Name { get; init; }

    public required WebhookKind Kind { get; init; }

    public required Uri Url { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public int Retries { get; init; } = 2;

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>The baseline-relative sequential judge.</summary>
public sealed record JudgeSpec
{
    public bool Enabled { get; init; } = true;

    /// <summary>Bound on the judge's false-rollback rate over the whole rollout (9/10 spent on the error-count test, 1/10 on latency).</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Latency shift (canary vs primary, Hodges-Lehmann) below which a significant difference is ignored.</summary>
    public TimeSpan MinLatencyEffect { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Promote before the last step when the judge is confident the canary is no worse.</summary>
    public bool PromoteEarly { get; init; }

    /// <summary>
    /// Smallest canary/primary 5xx-rate ratio worth a rollback (above 1). The error judge looks for ratios from this to
    /// twice it; early promotion needs evidence that the ratio is below it.
    /// </summary>
    public double MinErrorRatio { get; init; } = 1.5;
}
