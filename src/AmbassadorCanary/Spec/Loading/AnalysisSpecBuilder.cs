namespace AmbassadorCanary.Spec.Loading;

/// <summary>The analysis section of the RolloutSpec, from validated settings over AnalysisSpec's own defaults.</summary>
internal static class AnalysisSpecBuilder
{
    public static AnalysisSpec Build(ResolvedSettings s)
    {
        var defaults = new AnalysisSpec();
        return new AnalysisSpec
        {
            Provider = RolloutSpecBuilder.Choice(s, SpecSettings.Provider, defaults.Provider, v => v switch
            {
                "prometheus" => MetricsProviderKind.Prometheus,
                "none" => MetricsProviderKind.None,
                _ => MetricsProviderKind.EnvoyStats,
            }),
            MinSuccessRate = s.Value<double>(SpecSettings.MinSuccessRate) ?? defaults.MinSuccessRate,
            MaxLatencyP99 = s.Value<TimeSpan>(SpecSettings.MaxLatencyP99) ?? defaults.MaxLatencyP99,
            MinRequests = s.Value<int>(SpecSettings.MinRequests) ?? defaults.MinRequests,
            NoDataLimit = s.Value<int>(SpecSettings.NoDataLimit) ?? defaults.NoDataLimit,
            Envoy = new EnvoyStatsSpec
            {
                PodSelectors = s.Get<IReadOnlyList<string>>(SpecSettings.EnvoyPodSelectors) ?? defaults.Envoy.PodSelectors,
                Namespace = s.Get<string>(SpecSettings.EnvoyNamespace),
                AdminPort = s.Value<int>(SpecSettings.EnvoyAdminPort) ?? defaults.Envoy.AdminPort,
            },
            Prometheus = s.Get<Uri>(SpecSettings.PrometheusUrl) is { } url
                ? new PrometheusSpec
                {
                    Url = url,
                    BearerToken = s.Get<string>(SpecSettings.PrometheusToken),
                    Username = s.Get<string>(SpecSettings.PrometheusUsername),
                    Password = s.Get<string>(SpecSettings.PrometheusPassword),
                    CaFile = s.Get<string>(SpecSettings.PrometheusCaFile),
                }
                : null,
            Metrics = s.Get<IReadOnlyList<CustomMetricSpec>>(SpecSettings.CustomMetrics) ?? [],
            Webhooks = s.Get<IReadOnlyList<WebhookSpec>>(SpecSettings.Webhooks) ?? [],
            Judge = new JudgeSpec
            {
                Enabled = s.Value<bool>(SpecSettings.Judge) ?? defaults.Judge.Enabled,
                Alpha = s.Value<double>(SpecSettings.JudgeAlpha) ?? defaults.Judge.Alpha,
                MinLatencyEffect = s.Value<TimeSpan>(SpecSettings.JudgeMinLatencyEffect) ?? defaults.Judge.MinLatencyEffect,
                MinErrorRatio = s.Value<double>(SpecSettings.JudgeMinErrorRatio) ?? defaults.Judge.MinErrorRatio,
                PromoteEarly = s.Value<bool>(SpecSettings.PromoteEarly) ?? defaults.Judge.PromoteEarly,
            },
        };
    }
}
