using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

/// <summary>How the Prometheus window source asks and assembles, against a fake Prometheus answering by query.</summary>
public sealed class PrometheusWindowSourceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private LoopbackHttpServer _server = null!;
    private HttpClient _http = null!;
    private bool _down;

    [SetUp]
    public async Task Start()
    {
        _server = await LoopbackHttpServer.StartAsync();
        _server.Respond((request, _) => Answer(Uri.UnescapeDataString(request.Query)));
        _http = new HttpClient();
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Reads_counts_and_buckets_over_exactly_the_time_since_the_last_window()
    {
        var spec = TestRollouts.Spec();
        var source = new PrometheusWindowSource(new PrometheusClient(_http, new PrometheusSpec { Url = _server.BaseUrl }, TimeProvider.System));

        Assert.That(await source.NextWindowAsync(TestRollouts.Context(spec, T0), CancellationToken.None), Is.Null);
        Assert.That(_server.Requests, Is.Empty, "the baseline asks nothing");
        var window = (await source.NextWindowAsync(TestRollouts.Context(spec, T0.AddMinutes(1)), CancellationToken.None))!;

        Assert.That((window.Start, window.End), Is.EqualTo((T0, T0.AddMinutes(1))));
        Assert.That(window.Canary.Requests, Is.EqualTo(100));
        Assert.That(window.Canary.Errors5xx, Is.EqualTo(5));
        Assert.That(window.Canary.Latency.Bounds, Is.EqualTo(new[] { 10.0, 100.0 }));
        Assert.That(window.Canary.Latency.Counts, Is.EqualTo(new long[] { 50, 0, 50 }), "cumulative 50.4, 49.6 (extrapolation noise, kept at 50), 100.1");
        Assert.That(window.Primary.Requests, Is.Zero, "no series for the primary reads as no traffic");
        Assert.That(window.Primary.Latency.Bounds, Is.EqualTo(LatencyHistogram.EnvoyDefaultBounds));
        var queries = _server.Requests.Select(r => Uri.UnescapeDataString(r.Query)).ToList();
        Assert.That(queries, Has.Count.EqualTo(6));
        Assert.That(queries, Is.All.Contain("[1m]").And.All.EndWith("&time=1767268860"));
    }

    [Test]
    public async Task A_failed_query_throws_and_the_next_window_covers_the_missed_time()
    {
        var spec = TestRollouts.Spec();
        var source = new PrometheusWindowSource(new PrometheusClient(_http, new PrometheusSpec { Url = _server.BaseUrl }, TimeProvider.System), since: T0);

        _down = true;
        Assert.That(() => source.NextWindowAsync(TestRollouts.Context(spec, T0.AddMinutes(1)), CancellationToken.None),
            Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain("query timed out"));
        _down = false;
        var window = (await source.NextWindowAsync(TestRollouts.Context(spec, T0.AddMinutes(2)), CancellationToken.None))!;

        Assert.That(window.Start, Is.EqualTo(T0));
        Assert.That(Uri.UnescapeDataString(_server.Requests[^1].Query), Does.Contain("[2m]"));
        Assert.That(source.Since, Is.EqualTo(T0.AddMinutes(2)));
    }

    private CannedResponse Answer(string query)
    {
        if (_down)
        {
            return CannedResponse.Json("""{"status":"error","errorType":"timeout","error":"query timed out"}""", 503);
        }

        const string empty = """{"status":"success","data":{"resultType":"vector","result":[]}}""";
        if (!query.Contains("web-canary", StringComparison.Ordinal))
        {
            return CannedResponse.Json(empty);
        }

        if (query.Contains("upstream_rq_time_bucket", StringComparison.Ordinal))
        {
            return CannedResponse.Json("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"le":"+Inf"},"value":[1767268860,"100.1"]},
                  {"metric":{"le":"10"},"value":[1767268860,"50.4"]},
                  {"metric":{"le":"100"},"value":[1767268860,"49.6"]}]}}
                """);
        }

        var value = query.Contains("upstream_rq_xx", StringComparison.Ordinal) ? "5.2" : "99.7";
        return CannedResponse.Json($$$"""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1767268860,"{{{value}}}"]}]}}""");
    }
}
