using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Envoy;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using k8s;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

/// <summary>One factory case per provider; what is missing is an error, never a silent default.</summary>
public sealed class CanaryAnalysisFactoryTests
{
    private static readonly Uri Prometheus = new("http://127.0.0.1:9/");

    private Kubernetes _kubernetes = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void Create()
    {
        _kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        _http = new HttpClient();
    }

    [TearDown]
    public void Dispose()
    {
        _kubernetes.Dispose();
        _http.Dispose();
    }

    [Test]
    public void Each_provider_gets_its_window_source()
    {
        var client = new PrometheusClient(_http, new PrometheusSpec { Url = Prometheus }, TimeProvider.System);

        Assert.That(TrafficWindowSourceFactory.Create(Spec(MetricsProviderKind.EnvoyStats), _kubernetes, null), Is.InstanceOf<EnvoyStatsWindowSource>());
        Assert.That(TrafficWindowSourceFactory.Create(Spec(MetricsProviderKind.Prometheus), _kubernetes, client), Is.InstanceOf<PrometheusWindowSource>());
        Assert.That(TrafficWindowSourceFactory.Create(Spec(MetricsProviderKind.None), _kubernetes, null), Is.Null);
        Assert.That(() => TrafficWindowSourceFactory.Create(Spec((MetricsProviderKind)42), _kubernetes, null), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => TrafficWindowSourceFactory.Create(Spec(MetricsProviderKind.Prometheus), _kubernetes, null),
            Throws.ArgumentException.With.Message.Contain("analysis.prometheus.url"));
    }

    [Test]
    public void Custom_checks_and_step_webhooks_are_added_only_when_configured()
    {
        var client = new PrometheusClient(_http, new PrometheusSpec { Url = Prometheus }, TimeProvider.System);
        var runner = new WebhookRunner(_http, TimeProvider.System);
        var metric = new CustomMetricSpec { Name = "m", Query = "vector(1)", Max = 2 };
        var step = new WebhookSpec { Name = "s", Kind = WebhookKind.Step, Url = Prometheus };
        var gate = new WebhookSpec { Name = "g", Kind = WebhookKind.ConfirmPromotion, Url = Prometheus };

        Assert.That(CanaryAnalysisFactory.Create(Spec(MetricsProviderKind.EnvoyStats), _kubernetes, null, null), Is.InstanceOf<MetricsCanaryAnalysis>());
        Assert.That(CanaryAnalysisFactory.Create(Spec(MetricsProviderKind.None), _kubernetes, null, null), Is.InstanceOf<NoMetricsAnalysis>());
        Assert.That(CanaryAnalysisFactory.Create(Spec(MetricsProviderKind.EnvoyStats, webhooks: [gate]), _kubernetes, null, null), Is.InstanceOf<MetricsCanaryAnalysis>());
        Assert.That(CanaryAnalysisFactory.Create(Spec(MetricsProviderKind.EnvoyStats, [metric], [step]), _kubernetes, client, runner), Is.InstanceOf<AdditionalChecksAnalysis>());
        Assert.That(() => CanaryAnalysisFactory.Create(Spec(MetricsProviderKind.EnvoyStats, [metric]), _kubernetes, null, runner),
            Throws.ArgumentException.With.Message.Contain("analysis.metrics"));
        Assert.That(() => CanaryAnalysisFactory.Create(Spec(MetricsProviderKind.EnvoyStats, webhooks: [step]), _kubernetes, client, null),
            Throws.ArgumentException.With.Message.Contain("step webhooks"));
    }

    private static RolloutSpec Spec(MetricsProviderKind provider, CustomMetricSpec[]? metrics = null, WebhookSpec[]? webhooks = null) =>
        TestRollouts.Spec(new AnalysisSpec
        {
            Provider = provider,
            Prometheus = new PrometheusSpec { Url = Prometheus },
            Metrics = metrics ?? [],
            Webhooks = webhooks ?? [],
        });
}
