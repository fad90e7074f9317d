using System.Text.Json;
using System.Text.Json.Serialization;
using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Envoy;
using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class AnalysisStatePersistenceTests
{
    [Test]
    public void Judge_state_survives_a_source_generated_json_round_trip_between_ticks()
    {
        var spec = new RolloutSpec
        {
            Target = new TargetSpec { Namespace = "default", Deployment = "web", Images = new Dictionary<string, string> { ["web"] = "web:2" } },
            Route = new RouteSpec { Mapping = "web" },
            Steps = [new WeightStep(10)],
        };
        var kept = AnalysisState.Initial;
        var persisted = AnalysisState.Initial;
        for (var tick = 0; tick < 8; tick++)
        {
            var window = Window(canary5xx: tick % 2 == 0 ? 9 : 4);
            var direct = MetricsCanaryAnalysis.Judge(spec, kept, window);
            var json = JsonSerializer.Serialize(MetricsCanaryAnalysis.Judge(spec, persisted, window).State!, PersistenceJson.Default.AnalysisState);
            persisted = JsonSerializer.Deserialize(json, PersistenceJson.Default.AnalysisState)!;
            kept = direct.State!;
        }

        var last = Window(canary5xx: 6);
        var fromKept = MetricsCanaryAnalysis.Judge(spec, kept, last);
        var fromPersisted = MetricsCanaryAnalysis.Judge(spec, persisted, last);
        Assert.That(fromPersisted.Checks, Is.EqualTo(fromKept.Checks));
        Assert.That(persisted.Errors!.LogWorse, Is.EqualTo(kept.Errors!.LogWorse));
        Assert.That(persisted.Latency!.Canary, Is.EqualTo(kept.Latency!.Canary));
    }

    [Test]
    public void Tally_state_and_envoy_baseline_round_trip()
    {
        var tally = new CheckTallyState(2, 1, 4);
        var metrics = PrometheusTextParser.Parse("""
            envoy_cluster_upstream_rq_total{envoy_cluster_name="web-canary"} 10
            envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="web-canary",le="50"} 4
            envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="web-canary",le="+Inf"} 10
            """);
        var (_, snapshot) = EnvoyStatsDelta.Compute(null, [new PodScrape(new AmbassadorPod("a", "p"), metrics)], "web-canary", "web", DateTimeOffset.UnixEpoch);

        var tallyBack = JsonSerializer.Deserialize(JsonSerializer.Serialize(tally, PersistenceJson.Default.CheckTallyState), PersistenceJson.Default.CheckTallyState);
        var snapshotBack = JsonSerializer.Deserialize(JsonSerializer.Serialize(snapshot, PersistenceJson.Default.EnvoyStatsSnapshot), PersistenceJson.Default.EnvoyStatsSnapshot)!;

        Assert.That(tallyBack, Is.EqualTo(tally));
        Assert.That(snapshotBack.Pods[0].Canary!.Requests, Is.EqualTo(10));
        Assert.That(snapshotBack.Pods[0].Canary!.LatencyBounds, Is.EqualTo(new double[] { 50 }));
        Assert.That(snapshotBack.Pods[0].Canary!.LatencyBuckets, Is.EqualTo(new long[] { 4, 10 }));
        Assert.That(snapshotBack.Pods[0].Primary, Is.Null);
    }

    private static TrafficWindow Window(long canary5xx)
    {
        var bounds = LatencyHistogram.EnvoyDefaultBounds;
        long[] Spread(long n)
        {
            var counts = new long[bounds.Count + 1];
            counts[5] = n / 2;
            counts[6] = n - (n / 2);
            return counts;
        }

        return new TrafficWindow(
            new TrafficSample(500, canary5xx, new LatencyHistogram(bounds, Spread(500))),
            new TrafficSample(4500, 45, new LatencyHistogram(bounds, Spread(4500))),
            DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddSeconds(10));
    }
}

[JsonSerializable(typeof(AnalysisState))]
[JsonSerializable(typeof(CheckTallyState))]
[JsonSerializable(typeof(EnvoyStatsSnapshot))]
internal sealed partial class PersistenceJson : JsonSerializerContext;
