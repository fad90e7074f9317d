namespace AmbassadorCanary.Analysis.Metrics;

/// <summary>
/// Yields the canary and primary traffic since the previous call (one window per tick).
/// Null means no window yet (the first call only takes a baseline). A source that cannot be read throws;
/// analysis reports that tick as no-data with the error.
/// </summary>
public interface ITrafficWindowSource
{
    Task<TrafficWindow?> NextWindowAsync(AnalysisContext context, CancellationToken cancellationToken);
}
