namespace KubeEmulator.Ambassador;

/// <summary>The synthetic request stream arriving at Ambassador.</summary>
public sealed record TrafficProfile
{
    /// <summary>Requests per second of simulated time, spread evenly (the count per interval carries its fraction over).</summary>
    public double RequestsPerSecond { get; init; } = 20;

    /// <summary>Host (authority) of every request.</summary>
    public string Host { get; init; } = "example.com";

    public string Path { get; init; } = "/";

    public string Method { get; init; } = "GET";

    /// <summary>Shares of the requests that carry extra headers or a cookie. Disjoint; together at most 1. The rest is plain.</summary>
    public IReadOnlyList<TrafficSegment> Segments { get; init; } = [];
}

/// <summary>A share of the requests (0..1) with extra headers and/or a cookie such as "canary=always".</summary>
public sealed record TrafficSegment
{
    public required double Share { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A "name=value" pair sent in the Cookie header (after a session cookie, as browsers do).</summary>
    public string? Cookie { get; init; }
}
