using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>Metrics: a Prometheus URL wherever Prometheus is used, and credentials that fit together.</summary>
internal sealed class AnalysisValidator : ISpecValidator
{
    private static readonly SpecSetting[] PrometheusDetails =
        [SpecSettings.PrometheusToken, SpecSettings.PrometheusUsername, SpecSettings.PrometheusPassword, SpecSettings.PrometheusCaFile];

    public void Validate(ResolvedSettings settings, ICollection<SpecError> errors)
    {
        var hasUrl = settings.IsGiven(SpecSettings.PrometheusUrl);
        if (settings.Get<string>(SpecSettings.Provider) == "prometheus" && !hasUrl)
        {
            errors.Add(settings.OriginOf(SpecSettings.Provider).Error("provider 'prometheus' needs a Prometheus URL (--prometheus-url, 'analysis.prometheus.url')"));
        }

        if (settings.IsGiven(SpecSettings.CustomMetrics) && !hasUrl)
        {
            errors.Add(settings.OriginOf(SpecSettings.CustomMetrics).Error("custom metrics are PromQL and need a Prometheus URL (--prometheus-url, 'analysis.prometheus.url')"));
        }

        foreach (var detail in PrometheusDetails.Where(d => settings.IsGiven(d) && !hasUrl))
        {
            errors.Add(settings.OriginOf(detail).Error("has no Prometheus to go with; give --prometheus-url ('analysis.prometheus.url')"));
        }

        if (settings.IsGiven(SpecSettings.PrometheusToken) && settings.IsGiven(SpecSettings.PrometheusUsername))
        {
            errors.Add(settings.OriginOf(SpecSettings.PrometheusUsername).Error("give a bearer token or a username and password, not both"));
        }

        if (settings.IsGiven(SpecSettings.PrometheusUsername) != settings.IsGiven(SpecSettings.PrometheusPassword))
        {
            var given = settings.IsGiven(SpecSettings.PrometheusUsername) ? SpecSettings.PrometheusUsername : SpecSettings.PrometheusPassword;
            errors.Add(settings.OriginOf(given).Error("a Prometheus username and password go together; give both"));
        }

        if (settings.Get<string>(SpecSettings.EnvoyNamespace) is { } ns && KubernetesNames.Dns1123LabelProblem(ns) is { } problem)
        {
            errors.Add(settings.OriginOf(SpecSettings.EnvoyNamespace).Error(problem));
        }
    }
}
