namespace AmbassadorCanary.Analysis.Providers;

/// <summary>Provider None: no traffic metrics, so no checks of its own (custom checks and webhooks may still be added).</summary>
internal sealed class NoMetricsAnalysis : ICanaryAnalysis
{
    public Task<AnalysisVerdict> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new AnalysisVerdict(VerdictKind.Continue, []) { State = context.State });
}
