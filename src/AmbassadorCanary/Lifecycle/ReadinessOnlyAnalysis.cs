using AmbassadorCanary.Analysis;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// The default when no metrics are configured: readiness is judged by the state machine from the observed
/// Deployment status, so this adds no checks of its own.
/// </summary>
public sealed class ReadinessOnlyAnalysis : ICanaryAnalysis
{
    public Task<AnalysisVerdict> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken) => Task.FromResult(AnalysisVerdict.Empty);
}
