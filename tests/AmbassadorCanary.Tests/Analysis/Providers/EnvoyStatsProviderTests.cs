using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Envoy;
using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using k8s;
using KubeEmulator.Ambassador;
using KubeEmulator.Time;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

/// <summary>The Envoy-stats provider end to end: real KubernetesClient → emulator pod proxy → two simulated Ambassador pods.</summary>
public sealed class EnvoyStatsProviderTests
{
    private readonly VirtualClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private SimulatedAmbassadorCluster _cluster = null!;
    private Kubernetes _client = null!;

    [SetUp]
    public async Task Start()
    {
        _cluster = await SimulatedAmbassadorCluster.StartAsync(
            _clock,
            [new SimulatedBackend("web-canary", "example/web:2.0", 20, new BackendBehaviour { ErrorRate = 0.05 })],
            requestsPerSecond: 100,
            ambassadorReplicas: 2,
            withApiServer: true);
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _cluster.Emulator!.BaseAddress.ToString() });
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task Windows_sum_both_pods_and_survive_a_counter_reset()
    {
        var spec = TestRollouts.Spec();
        var source = TrafficWindowSourceFactory.Create(spec, _client, prometheus: null);
        Assert.That(source, Is.InstanceOf<EnvoyStatsWindowSource>());
        var pods = _cluster.AmbassadorPodNames();
        Assert.That(pods, Has.Count.EqualTo(2));

        Assert.That(await source!.NextWindowAsync(Context(spec), CancellationToken.None), Is.Null, "the first call takes the baseline");
        var t0 = _cluster.Ambassador.GetTraffic();

        _clock.Advance(TimeSpan.FromSeconds(60));
        var first = (await source.NextWindowAsync(Context(spec), CancellationToken.None))!;
        var t1 = _cluster.Ambassador.GetTraffic();
        AssertWindowMatches(first, t0, t1, lostCanary: 0, lostPrimary: 0);
        Assert.That(first.Canary.Requests, Is.InRange(1000, 1400), "20 % of 100 rps for 60 s");
        Assert.That(first.Canary.SuccessRatePercent, Is.EqualTo(95).Within(2.5));

        // Pod 0's Envoy restarts 30 s into the next window: its counters start again from zero.
        var pod0AtTick1 = PodCounters(pods[0]);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var pod0BeforeRestart = PodCounters(pods[0]);
        Assert.That(_cluster.Ambassador.RestartPod(pods[0], SimulatedAmbassadorCluster.AmbassadorNamespace), Is.True);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var second = (await source.NextWindowAsync(Context(spec), CancellationToken.None))!;
        var t2 = _cluster.Ambassador.GetTraffic();

        // What pod 0 counted between the tick and its restart is gone (as for Prometheus' increase()); the rest is exact.
        var lostCanary = pod0BeforeRestart.Canary - pod0AtTick1.Canary;
        var lostPrimary = pod0BeforeRestart.Primary - pod0AtTick1.Primary;
        Assert.That(lostCanary, Is.GreaterThan(0));
        AssertWindowMatches(second, t1, t2, lostCanary, lostPrimary);
        Assert.That(second.Canary.Requests, Is.GreaterThan(first.Canary.Requests / 2), "pod 1's whole minute and pod 0's half minute");

        _clock.Advance(TimeSpan.FromSeconds(60));
        var third = (await source.NextWindowAsync(Context(spec), CancellationToken.None))!;
        AssertWindowMatches(third, t2, _cluster.Ambassador.GetTraffic(), 0, 0);
    }

    [Test]
    public async Task Selectors_are_tried_in_order_and_only_running_ready_pods_are_scraped()
    {
        var scraper = new KubernetesPodProxyScraper(_client, new EnvoyStatsSpec
        {
            PodSelectors = ["app.kubernetes.io/name=no-such-ingress", "app.kubernetes.io/name=emissary-ingress", "app=web"],
            Namespace = SimulatedAmbassadorCluster.AmbassadorNamespace,
        });

        var found = await scraper.FindPodsAsync(CancellationToken.None);

        Assert.That(found.Select(p => p.Name), Is.EqualTo(_cluster.AmbassadorPodNames()));
        Assert.That(found.Select(p => p.Namespace), Is.All.EqualTo(SimulatedAmbassadorCluster.AmbassadorNamespace));
        Assert.That(found.Select(p => p.Uid), Is.All.Not.Null);
        var text = await scraper.ScrapeAsync(found[0], CancellationToken.None);
        Assert.That(text, Does.Contain("envoy_cluster_upstream_rq_total{envoy_cluster_name=\"web-canary\"}"));

        var wrongNamespace = new KubernetesPodProxyScraper(_client, new EnvoyStatsSpec { Namespace = SimulatedAmbassadorCluster.Namespace });
        Assert.That(await wrongNamespace.FindPodsAsync(CancellationToken.None), Is.Empty);

        // The app pods match "app=web" but nothing listens on 8877 there: the error names the pod and the proxy's answer.
        var appScraper = new KubernetesPodProxyScraper(_client, new EnvoyStatsSpec { PodSelectors = ["app=web"] });
        var appPods = await appScraper.FindPodsAsync(CancellationToken.None);
        Assert.That(appPods, Has.Count.EqualTo(2));
        Assert.That(() => appScraper.ScrapeAsync(appPods[0], CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contain($"pod shop/{appPods[0].Name}:8877/metrics").And.Message.Contain("503"));
    }

    [Test]
    public async Task Pods_that_are_not_ready_are_left_out()
    {
        var pods = _cluster.AmbassadorPodNames();
        _cluster.Store.Update(KubeEmulator.Store.ResourceType.Pods, SimulatedAmbassadorCluster.AmbassadorNamespace, pods[1], pod =>
        {
            foreach (var condition in pod["status"]!["conditions"]!.AsArray())
            {
                if ((string?)condition!["type"] == "Ready")
                {
                    condition["status"] = "False";
                }
            }

            return pod;
        }, statusOnly: true);
        var scraper = new KubernetesPodProxyScraper(_client, new EnvoyStatsSpec());

        var found = await scraper.FindPodsAsync(CancellationToken.None);

        Assert.That(found.Select(p => p.Name), Is.EqualTo(new[] { pods[0] }));
    }

    private static void AssertWindowMatches(TrafficWindow window, RoutedTraffic before, RoutedTraffic after, long lostCanary, long lostPrimary)
    {
        var canaryBefore = before.Cluster("web-canary");
        var canaryAfter = after.Cluster("web-canary");
        var primaryBefore = before.Cluster("web");
        var primaryAfter = after.Cluster("web");
        Assert.Multiple(() =>
        {
            Assert.That(window.Canary.Requests, Is.EqualTo(canaryAfter.UpstreamRequests - canaryBefore.UpstreamRequests - lostCanary));
            Assert.That(window.Primary.Requests, Is.EqualTo(primaryAfter.UpstreamRequests - primaryBefore.UpstreamRequests - lostPrimary));
            Assert.That(window.Canary.Errors5xx, Is.InRange(0, window.Canary.Requests));
            Assert.That(window.Primary.Errors5xx, Is.Zero);
            Assert.That(window.Canary.Latency.Counts, Is.All.GreaterThanOrEqualTo(0));
            Assert.That(window.Primary.Latency.Counts, Is.All.GreaterThanOrEqualTo(0));
            Assert.That(window.Canary.Latency.Total, Is.EqualTo(window.Canary.Requests));
            Assert.That(window.Primary.Latency.Total, Is.EqualTo(window.Primary.Requests));
        });
        if (lostCanary == 0)
        {
            Assert.That(window.Canary.Errors5xx, Is.EqualTo(canaryAfter.Errors5xx - canaryBefore.Errors5xx));
        }
    }

    private (long Canary, long Primary) PodCounters(string pod)
    {
        var text = _cluster.Ambassador.GetMetricsText(pod, SimulatedAmbassadorCluster.AmbassadorNamespace)!;
        var metrics = PrometheusTextParser.Parse(text);
        return (EnvoyClusterCounters.Read(metrics, "web-canary")!.Requests, EnvoyClusterCounters.Read(metrics, "web")!.Requests);
    }

    private AnalysisContext Context(RolloutSpec spec) => TestRollouts.Context(spec, _clock.GetUtcNow(), weight: 20);
}
