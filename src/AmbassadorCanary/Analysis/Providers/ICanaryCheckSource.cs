namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// Checks evaluated each tick beside the traffic-window judgment: custom PromQL queries, step webhooks.
/// Never throws for an unreachable backend: that is a no-data (or, for a webhook, a failed) check with the error.
/// </summary>
internal interface ICanaryCheckSource
{
    Task<IReadOnlyList<CheckResult>> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken);
}
