using AmbassadorCanary.Analysis.Envoy;
using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Spec;
using k8s;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>One case per metrics provider; an unknown provider is an error, never a silent default.</summary>
internal static class TrafficWindowSourceFactory
{
    /// <summary>
    /// The traffic-window source of spec.Analysis.Provider: Envoy stats through the API server's pod proxy, or
    /// Prometheus (then a client is required). Null for provider None (readiness only).
    /// </summary>
    public static ITrafficWindowSource? Create(RolloutSpec spec, IKubernetes kubernetes, PrometheusClient? prometheus) =>
        spec.Analysis.Provider switch
        {
            MetricsProviderKind.None => null,
            MetricsProviderKind.EnvoyStats => new EnvoyStatsWindowSource(new KubernetesPodProxyScraper(kubernetes, spec.Analysis.Envoy)),
            MetricsProviderKind.Prometheus => new PrometheusWindowSource(
                prometheus ?? throw new ArgumentException("analysis.provider prometheus needs a Prometheus client (analysis.prometheus.url)", nameof(prometheus))),
            var other => throw new ArgumentOutOfRangeException(nameof(spec), other, "unknown metrics provider"),
        };
}
