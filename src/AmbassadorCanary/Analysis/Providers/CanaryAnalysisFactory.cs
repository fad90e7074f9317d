using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Spec;
using k8s;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// Composes the per-tick analysis of a rollout: MetricsCanaryAnalysis over the provider's traffic windows (static
/// checks and the judge), then the custom PromQL checks and the step webhooks appended to every verdict.
/// </summary>
internal static class CanaryAnalysisFactory
{
    /// <param name="prometheus">Required when the provider is Prometheus or analysis.metrics is not empty.</param>
    /// <param name="webhooks">Required when a step webhook is configured.</param>
    public static ICanaryAnalysis Create(RolloutSpec spec, IKubernetes kubernetes, PrometheusClient? prometheus, WebhookRunner? webhooks)
    {
        var source = TrafficWindowSourceFactory.Create(spec, kubernetes, prometheus);
        ICanaryAnalysis core = source is null ? new NoMetricsAnalysis() : new MetricsCanaryAnalysis(source);
        var extra = new List<ICanaryCheckSource>();
        if (spec.Analysis.Metrics.Count > 0)
        {
            extra.Add(new PrometheusMetricChecks(
                prometheus ?? throw new ArgumentException("analysis.metrics needs a Prometheus client (analysis.prometheus.url)", nameof(prometheus))));
        }

        if (spec.Analysis.Webhooks.Any(h => h.Kind == WebhookKind.Step))
        {
            extra.Add(new StepWebhookChecks(webhooks ?? throw new ArgumentException("step webhooks need a webhook runner", nameof(webhooks))));
        }

        return extra.Count == 0 ? core : new AdditionalChecksAnalysis(core, extra);
    }
}
