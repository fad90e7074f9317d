namespace KubeEmulator.Ambassador;

/// <summary>How one backend version (container image) answers: a share of 5xx responses and a latency distribution.</summary>
public sealed record BackendBehaviour
{
    public static readonly BackendBehaviour Healthy = new();

    /// <summary>Share of requests (0..1) answered with <see cref="ErrorStatusCode"/>.</summary>
    public double ErrorRate { get; init; }

    public int ErrorStatusCode { get; init; } = 500;

    public LatencyProfile Latency { get; init; } = LatencyProfile.Normal;
}

/// <summary>Log-normal upstream latency given by its median and 99th percentile, in milliseconds.</summary>
public sealed record LatencyProfile(double MedianMs, double P99Ms)
{
    public static readonly LatencyProfile Fast = new(8, 40);
    public static readonly LatencyProfile Normal = new(40, 200);
    public static readonly LatencyProfile Slow = new(250, 1500);

    /// <summary>z of the 99th percentile of the standard normal distribution.</summary>
    private const double Z99 = 2.3263478740408408;

    /// <summary>One latency sample: exp(mu + sigma z), with mu = ln(median) and sigma = ln(p99 / median) / z99.</summary>
    public double Sample(Random random)
    {
        var sigma = P99Ms > MedianMs && MedianMs > 0 ? Math.Log(P99Ms / MedianMs) / Z99 : 0;
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Max(MedianMs, 0) * Math.Exp(sigma * z);
    }

    /// <summary>A profile by name: fast, normal or slow.</summary>
    public static LatencyProfile Named(string name) => name.ToLowerInvariant() switch
    {
        "fast" => Fast,
        "normal" => Normal,
        "slow" => Slow,
        _ => throw new ArgumentException($"unknown latency profile \"{name}\" (expected fast, normal or slow)", nameof(name)),
    };
}
