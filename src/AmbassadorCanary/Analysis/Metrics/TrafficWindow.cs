namespace AmbassadorCanary.Analysis.Metrics;

/// <summary>Canary and primary traffic over the same window, [Start, End).</summary>
public sealed record TrafficWindow(TrafficSample Canary, TrafficSample Primary, DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;
}
