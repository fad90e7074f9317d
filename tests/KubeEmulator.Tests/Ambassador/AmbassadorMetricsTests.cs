using System.Text.Json.Nodes;
using KubeEmulator.Ambassador;
using KubeEmulator.Store;
using NUnit.Framework;

namespace KubeEmulator.Tests.Ambassador;

[TestFixture]
public sealed class AmbassadorMetricsTests
{
    private SimulatedCluster _cluster = null!;
    private AmbassadorSimulator _ambassador = null!;

    [SetUp]
    public void SetUp()
    {
        _cluster = new SimulatedCluster(ambassadorReplicas: 3);
        _cluster.AddApp("web", "example/web:1.0");
        _cluster.AddApp("web-canary", "example/web:2.0");
        _cluster.AddApp("web-shadow", "example/web:3.0");
        _cluster.AddMapping("web", SimulatedCluster.Spec("web", extra: new JsonObject { ["stats_name"] = "web-primary" }));
        _cluster.AddMapping("web-canary", SimulatedCluster.Spec("web-canary.default:80", extra: new JsonObject { ["weight"] = 20 }));
        _cluster.AddMapping("web-shadow", SimulatedCluster.Spec("web-shadow", extra: new JsonObject { ["shadow"] = true, ["weight"] = 50 }));
        _ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions
        {
            Traffic = new TrafficProfile { RequestsPerSecond = 200 },
            Images = new Dictionary<string, BackendBehaviour>
            {
                ["example/web:2.0"] = new() { ErrorRate = 0.05, Latency = LatencyProfile.Slow },
                ["example/web:1.0"] = new() { Latency = LatencyProfile.Normal },
            },
        });
        _cluster.Clock.Advance(TimeSpan.FromSeconds(60));
    }

    [TearDown]
    public void TearDown()
    {
        Assert.That(_ambassador.Failures, Is.Empty);
        _ambassador.Dispose();
        _cluster.Dispose();
    }

    [Test]
    public void Each_ambassador_pod_serves_valid_prometheus_text_whose_counts_add_up_to_what_was_routed()
    {
        var pods = _cluster.AmbassadorPodNames();
        Assert.That(pods, Has.Count.EqualTo(3));
        var texts = pods.Select(p => Proxy(p, 8877, "metrics")!.Body).ToList();
        var routed = _ambassador.GetTraffic();
        foreach (var text in texts)
        {
            PrometheusText.AssertValid(text);
        }

        var perPod = texts.Select(PrometheusText.Parse).ToList();
        Assert.That(perPod.Select(s => PrometheusText.Sum(s, "envoy_cluster_upstream_rq_total")), Is.All.GreaterThan(2000), "traffic is spread over the pods");

        foreach (var cluster in new[] { "web-primary", "web_canary_default_80", "web_shadow" })
        {
            var expected = routed.Cluster(cluster);
            var label = $"envoy_cluster_name={cluster}";
            double Total(string metric, params string[] more) => perPod.Sum(s => PrometheusText.Sum(s, metric, [label, .. more]));
            Assert.Multiple(() =>
            {
                Assert.That(expected.UpstreamRequests, Is.GreaterThan(0), cluster);
                Assert.That(Total("envoy_cluster_upstream_rq_total"), Is.EqualTo(expected.UpstreamRequests), cluster);
                Assert.That(Total("envoy_cluster_upstream_rq"), Is.EqualTo(expected.Responses), cluster);
                foreach (var (code, count) in expected.ByStatusCode)
                {
                    Assert.That(Total("envoy_cluster_upstream_rq", $"envoy_response_code={code}"), Is.EqualTo(count), $"{cluster} {code}");
                }

                Assert.That(Total("envoy_cluster_upstream_rq_xx", "envoy_response_code_class=5"), Is.EqualTo(expected.Errors5xx), cluster);
                Assert.That(Total("envoy_cluster_upstream_rq_time_count"), Is.EqualTo(expected.UpstreamRequests), cluster);
                Assert.That(Total("envoy_cluster_upstream_rq_time_bucket", "le=+Inf"), Is.EqualTo(expected.UpstreamRequests), cluster);
                Assert.That(Total("envoy_cluster_upstream_rq_time_sum"), Is.EqualTo(expected.LatencySumMs).Within(1e-6), cluster);
            });
        }

        var canary = routed.Cluster("web_canary_default_80");
        Assert.That(100.0 * canary.Errors5xx / canary.Responses, Is.EqualTo(5).Within(1.5));
        Assert.That(routed.Cluster("web_shadow").UpstreamRequests, Is.EqualTo(routed.ShadowCopies));
        Assert.That(100.0 * routed.ShadowCopies / routed.Requests, Is.EqualTo(50).Within(2), "shadow weight mirrors that share");
    }

    [Test]
    public void Latency_histogram_follows_the_image_profile()
    {
        var samples = PrometheusText.Parse(_ambassador.GetMetricsText()!);
        double Mean(string cluster) =>
            PrometheusText.Sum(samples, "envoy_cluster_upstream_rq_time_sum", $"envoy_cluster_name={cluster}")
            / PrometheusText.Sum(samples, "envoy_cluster_upstream_rq_time_count", $"envoy_cluster_name={cluster}");
        double BelowOrAt(string cluster, string le) =>
            PrometheusText.Sum(samples, "envoy_cluster_upstream_rq_time_bucket", $"envoy_cluster_name={cluster}", $"le={le}")
            / PrometheusText.Sum(samples, "envoy_cluster_upstream_rq_time_count", $"envoy_cluster_name={cluster}");

        // Log-normal mean = median * exp(sigma^2 / 2), minus about half a millisecond for Envoy's whole milliseconds.
        Assert.That(Mean("web-primary"), Is.EqualTo(40 * Math.Exp(Math.Pow(Math.Log(5) / 2.3263, 2) / 2) - 0.5).Within(3));
        Assert.That(BelowOrAt("web-primary", "50"), Is.EqualTo(0.63).Within(0.03), "P(X <= 50ms) for median 40, p99 200");
        Assert.That(BelowOrAt("web_canary_default_80", "250"), Is.EqualTo(0.5).Within(0.05), "median of the slow profile");
    }

    [Test]
    public void Restarting_a_pod_resets_only_its_counters()
    {
        var pods = _cluster.AmbassadorPodNames();
        double RqTotal(string pod) => PrometheusText.Sum(PrometheusText.Parse(Proxy(pod, 8877, "stats/prometheus")!.Body), "envoy_cluster_upstream_rq_total");
        var otherBefore = RqTotal(pods[1]);

        Assert.That(_ambassador.RestartPod(pods[0]), Is.True);

        Assert.That(RqTotal(pods[0]), Is.Zero);
        Assert.That(RqTotal(pods[1]), Is.EqualTo(otherBefore));
        var restarted = _cluster.Store.Get(ResourceType.Pods, "emissary", pods[0])!;
        Assert.That(restarted["status"]!["containerStatuses"]![0]!["restartCount"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(PrometheusText.Parse(Proxy(pods[0], 8877, "metrics")!.Body).Keys.Select(k => k.Metric),
            Does.Contain("envoy_cluster_upstream_rq_total"), "configured clusters show again at zero");

        _cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(RqTotal(pods[0]), Is.GreaterThan(0));
        Assert.That(_ambassador.RestartPod("no-such-pod"), Is.False);
    }

    [Test]
    public void Pod_proxy_answers_only_for_ambassador_admin_paths()
    {
        var ambassadorPod = _cluster.AmbassadorPodNames()[0];
        var appPod = _cluster.Store.List(ResourceType.Pods, "default")[0]["metadata"]!["name"]!.GetValue<string>();

        var response = Proxy(ambassadorPod, 8877, "/metrics");
        Assert.That(response!.StatusCode, Is.EqualTo(200));
        Assert.That(response.ContentType, Does.StartWith("text/plain"));
        Assert.That(Proxy(ambassadorPod, 8080, "metrics"), Is.Null);
        Assert.That(Proxy(ambassadorPod, 8877, "ready"), Is.Null);
        Assert.That(Proxy(appPod, 8877, "metrics", "default"), Is.Null);
        Assert.That(Proxy("gone", 8877, "metrics"), Is.Null);
    }

    [Test]
    public async Task Loopback_endpoint_serves_the_sum_over_pods()
    {
        await using var endpoint = await _ambassador.StartMetricsEndpointAsync(CancellationToken.None);
        using var http = new HttpClient();

        Assert.That(endpoint.MetricsUrl.Host, Is.EqualTo("127.0.0.1"));
        var scraped = await http.GetStringAsync(endpoint.MetricsUrl);
        PrometheusText.AssertValid(scraped);
        Assert.That(scraped, Is.EqualTo(_ambassador.GetMetricsText()));
        var samples = PrometheusText.Parse(scraped);
        Assert.That(PrometheusText.Sum(samples, "envoy_cluster_upstream_rq_total", "envoy_cluster_name=web-primary"),
            Is.EqualTo(_ambassador.GetTraffic().Cluster("web-primary").UpstreamRequests));

        using var missing = await http.GetAsync(new Uri(endpoint.BaseUrl, "other"));
        Assert.That((int)missing.StatusCode, Is.EqualTo(404));
    }

    private PodProxyResponse? Proxy(string pod, int port, string path, string ns = "emissary") =>
        _ambassador.PodProxy(new PodProxyRequest(ns, pod, port, path, "GET"), CancellationToken.None).GetAwaiter().GetResult();
}
