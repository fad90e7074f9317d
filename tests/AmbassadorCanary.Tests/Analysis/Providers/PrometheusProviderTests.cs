using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using KubeEmulator.Ambassador;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

/// <summary>
/// The Prometheus provider against the real Prometheus (Debian's package) scraping the simulated Ambassador's loopback
/// endpoint every second, on the system clock. Behind the primary "web": a healthy canary and a canary answering 10 % 5xx.
/// </summary>
[NonParallelizable]
public sealed class PrometheusProviderTests
{
    private CancellationTokenSource _bound = null!;
    private SimulatedAmbassadorCluster _cluster = null!;
    private MetricsEndpoint _endpoint = null!;
    private PrometheusServer _prometheus = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task Start()
    {
        _bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _cluster = await SimulatedAmbassadorCluster.StartAsync(
            TimeProvider.System,
            [
                new SimulatedBackend("web-canary", "example/web:2.0", 30, BackendBehaviour.Healthy),
                new SimulatedBackend("web-faulty", "example/web:3.0", 30, new BackendBehaviour { ErrorRate = 0.10 }),
            ],
            requestsPerSecond: 300,
            cancellationToken: _bound.Token);
        _endpoint = await _cluster.Ambassador.StartMetricsEndpointAsync(_bound.Token);
        _prometheus = await PrometheusServer.StartAsync([_endpoint.MetricsUrl], _bound.Token);
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    [TearDown]
    public async Task Stop()
    {
        _http?.Dispose();
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _bound.Dispose();
    }

    [Test]
    public async Task Reads_the_success_rate_of_a_healthy_and_a_failing_canary_then_no_data_once_Prometheus_stops()
    {
        var spec = TestRollouts.Spec(new AnalysisSpec
        {
            Provider = MetricsProviderKind.Prometheus,
            Prometheus = new PrometheusSpec { Url = _prometheus.Url },
            MaxLatencyP99 = TimeSpan.FromSeconds(2),
            Judge = new JudgeSpec { Enabled = false },
        });
        var client = new PrometheusClient(_http, spec.Analysis.Prometheus!, TimeProvider.System);
        var healthy = new PrometheusWindowSource(client);
        var faulty = new PrometheusWindowSource(client);
        Assert.That(await healthy.NextWindowAsync(Context(spec, "web-canary"), _bound.Token), Is.Null, "the first call takes the baseline");
        Assert.That(await faulty.NextWindowAsync(Context(spec, "web-faulty"), _bound.Token), Is.Null);

        // Wait (bounded) until Prometheus holds several scrapes after the baseline.
        await BoundedPoll.UntilAsync("six scrapes of the canary series", async ct =>
            await client.QueryScalarAsync("count_over_time(envoy_cluster_upstream_rq_total{envoy_cluster_name=\"web-faulty\"}[1m])", null, ct) >= 6,
            attempts: 200, TimeSpan.FromMilliseconds(100), _bound.Token);

        var good = (await healthy.NextWindowAsync(Context(spec, "web-canary"), _bound.Token))!;
        var bad = (await faulty.NextWindowAsync(Context(spec, "web-faulty"), _bound.Token))!;

        await TestContext.Out.WriteLineAsync($"healthy: {good.Canary.Requests} requests, {good.Canary.SuccessRatePercent:0.##} %, p99 {good.Canary.Latency.Quantile(0.99):0} ms; "
            + $"faulty: {bad.Canary.Requests} requests, {bad.Canary.SuccessRatePercent:0.##} %; primary: {good.Primary.Requests} requests; window {good.Duration.TotalSeconds:0.#} s");
        Assert.Multiple(() =>
        {
            Assert.That(good.Canary.Requests, Is.GreaterThan(200), "30 % of 300 rps over several seconds");
            Assert.That(good.Canary.SuccessRatePercent, Is.GreaterThanOrEqualTo(99.9));
            Assert.That(good.Canary.Latency.Total, Is.EqualTo(good.Canary.Requests).Within(good.Canary.Requests / 20 + 5));
            Assert.That(good.Canary.Latency.Quantile(0.99), Is.InRange(50, 1000), "normal profile: median 40 ms, p99 200 ms");
            Assert.That(good.Primary.Requests, Is.GreaterThan(200));
            Assert.That(good.Primary.SuccessRatePercent, Is.GreaterThanOrEqualTo(99.9));
            Assert.That(bad.Canary.Requests, Is.GreaterThan(200));
            Assert.That(bad.Canary.SuccessRatePercent, Is.EqualTo(90).Within(4), "10 % 5xx");
        });

        // Through the analysis: the static success-rate floor passes for one and fails for the other.
        var goodChecks = MetricsCanaryAnalysis.Judge(spec, AnalysisState.Initial, good).Checks;
        var badChecks = MetricsCanaryAnalysis.Judge(spec, AnalysisState.Initial, bad).Checks;
        Assert.That(goodChecks.Single(c => c.Name == StaticChecks.SuccessRate).Outcome, Is.EqualTo(CheckOutcome.Pass));
        Assert.That(badChecks.Single(c => c.Name == StaticChecks.SuccessRate).Outcome, Is.EqualTo(CheckOutcome.Fail));

        // A custom check over the same series, templated for the tick.
        var custom = spec with
        {
            Analysis = spec.Analysis with
            {
                Metrics =
                [
                    new CustomMetricSpec
                    {
                        Name = "canary-5xx-share",
                        Query = "(sum(increase(envoy_cluster_upstream_rq_xx{envoy_cluster_name=\"{{ canary }}\",envoy_response_code_class=\"5\"}[{{ interval }}])) or vector(0))"
                            + " / sum(increase(envoy_cluster_upstream_rq_total{envoy_cluster_name=\"{{ canary }}\"}[{{ interval }}]))",
                        Max = 0.05,
                    },
                ],
            },
        };
        var customChecks = new PrometheusMetricChecks(client);
        var onHealthy = (await customChecks.EvaluateAsync(Context(custom, "web-canary", canaryName: "web-canary"), _bound.Token)).Single();
        var onFaulty = (await customChecks.EvaluateAsync(Context(custom, "web-faulty", canaryName: "web-faulty"), _bound.Token)).Single();
        Assert.That(onHealthy.Outcome, Is.EqualTo(CheckOutcome.Pass), onHealthy.Detail);
        Assert.That(onHealthy.Value, Is.LessThan(0.001));
        Assert.That(onFaulty.Outcome, Is.EqualTo(CheckOutcome.Fail), onFaulty.Detail);
        Assert.That(onFaulty.Value, Is.EqualTo(0.10).Within(0.04));

        // Prometheus goes away: the source throws, the analysis reports no data, nothing passes.
        // (The next ticks are stamped a few seconds on: a window shorter than a second is not asked for.)
        await _prometheus.StopAsync();
        var later = DateTimeOffset.UtcNow.AddSeconds(5);
        Assert.That(() => healthy.NextWindowAsync(Context(spec, "web-canary", at: later), _bound.Token),
            Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain(_prometheus.Url.ToString()));
        var verdict = await new MetricsCanaryAnalysis(healthy).EvaluateAsync(Context(spec, "web-canary", at: later.AddSeconds(5)), _bound.Token);
        Assert.That(verdict.Checks, Is.Not.Empty);
        Assert.That(verdict.Checks.Select(c => c.Outcome), Is.All.EqualTo(CheckOutcome.NoData));
        Assert.That(verdict.Kind, Is.EqualTo(VerdictKind.Continue));
        var customAfter = (await customChecks.EvaluateAsync(Context(custom, "web-canary", canaryName: "web-canary"), _bound.Token)).Single();
        Assert.That(customAfter.Outcome, Is.EqualTo(CheckOutcome.NoData));
        Assert.That(customAfter.Detail, Does.Contain("request failed"));
    }

    private static AnalysisContext Context(RolloutSpec spec, string canaryStats, string canaryName = "web-canary", DateTimeOffset? at = null) =>
        new(spec, 30, "web", canaryName, "web", canaryStats, at ?? DateTimeOffset.UtcNow);
}
