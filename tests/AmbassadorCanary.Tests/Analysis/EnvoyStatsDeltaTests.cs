using System.Globalization;
using System.Text;
using AmbassadorCanary.Analysis.Envoy;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class EnvoyStatsDeltaTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);
    private static readonly AmbassadorPod PodA = new("ambassador", "ambassador-a", "uid-a");
    private static readonly AmbassadorPod PodB = new("ambassador", "ambassador-b", "uid-b");

    [Test]
    public void First_scrape_is_only_a_baseline()
    {
        var (window, next) = EnvoyStatsDelta.Compute(null, [Scrape(PodA, Counters(100, 2, 1000, 10))], "web-canary", "web", T0);

        Assert.That(window, Is.Null);
        Assert.That(next.Pods, Has.Count.EqualTo(1));
        Assert.That(next.Pods[0].Canary!.Requests, Is.EqualTo(100));
    }

    [Test]
    public void Sums_increases_over_pods_and_takes_a_restarted_pods_new_value_as_its_increase()
    {
        var baseline = Compute(null, T0, Scrape(PodA, Counters(100, 2, 1000, 10)), Scrape(PodB, Counters(50, 1, 500, 5))).Next;

        // Pod A grows by 60 / 1 / 600 / 6; pod B restarted (every counter lower): its values are all new.
        var (window, next) = Compute(baseline, T0.AddSeconds(10), Scrape(PodA, Counters(160, 3, 1600, 16)), Scrape(PodB, Counters(20, 0, 200, 3)));

        Assert.That(window!.Canary.Requests, Is.EqualTo(60 + 20));
        Assert.That(window.Canary.Errors5xx, Is.EqualTo(1 + 0));
        Assert.That(window.Primary.Requests, Is.EqualTo(600 + 200));
        Assert.That(window.Primary.Errors5xx, Is.EqualTo(6 + 3));
        Assert.That(window.Start, Is.EqualTo(T0));
        Assert.That(window.Duration, Is.EqualTo(TimeSpan.FromSeconds(10)));

        // After the reset, pod B's increase is measured from its new counters again.
        var (third, _) = Compute(next, T0.AddSeconds(20), Scrape(PodA, Counters(200, 3, 2000, 20)), Scrape(PodB, Counters(30, 1, 300, 4)));
        Assert.That(third!.Canary.Requests, Is.EqualTo(40 + 10));
        Assert.That(third.Canary.Errors5xx, Is.EqualTo(0 + 1));
        Assert.That(third.Primary.Requests, Is.EqualTo(400 + 100));
        Assert.That(third.Primary.Errors5xx, Is.EqualTo(4 + 1));
    }

    [Test]
    public void Latency_buckets_are_differenced_and_summed_per_bucket()
    {
        var baseline = Compute(null, T0, Scrape(PodA, Counters(10, 0, 10, 0, canaryBuckets: [1, 5, 10, 10])), Scrape(PodB, Counters(0, 0, 0, 0, canaryBuckets: [0, 0, 0, 0]))).Next;

        var (window, _) = Compute(baseline, T0.AddSeconds(10), Scrape(PodA, Counters(20, 0, 10, 0, canaryBuckets: [2, 9, 20, 20])), Scrape(PodB, Counters(4, 0, 0, 0, canaryBuckets: [0, 4, 4, 4])));

        Assert.That(window!.Canary.Latency.Bounds, Is.EqualTo(new double[] { 25, 50, 100 }));
        // Pod A per bucket: (1,3,6,0); pod B: (0,4,0,0).
        Assert.That(window.Canary.Latency.Counts, Is.EqualTo(new long[] { 1, 7, 6, 0 }));
    }

    [Test]
    public void A_replaced_pod_counts_whole_and_a_silent_pod_keeps_its_counters()
    {
        var baseline = Compute(null, T0, Scrape(PodA, Counters(100, 0, 100, 0)), Scrape(PodB, Counters(100, 0, 100, 0))).Next;

        // Pod B did not answer this time; pod A was replaced by a new pod with the same name.
        var replaced = PodA with { Uid = "uid-a2" };
        var (window, next) = Compute(baseline, T0.AddSeconds(10), Scrape(replaced, Counters(7, 1, 70, 0)));
        Assert.That(window!.Canary.Requests, Is.EqualTo(7));

        // Pod B answers again: its increase since its last reading, not its whole counter.
        var (later, _) = Compute(next, T0.AddSeconds(20), Scrape(replaced, Counters(7, 1, 70, 0)), Scrape(PodB, Counters(130, 0, 100, 0)));
        Assert.That(later!.Canary.Requests, Is.EqualTo(30));
    }

    [Test]
    public void Falls_back_to_per_code_counters_and_matches_the_sanitised_cluster_name()
    {
        const string Text = """
            envoy_cluster_upstream_rq{envoy_cluster_name="web_canary_default",envoy_response_code="200"} 90
            envoy_cluster_upstream_rq{envoy_cluster_name="web_canary_default",envoy_response_code="503"} 7
            envoy_cluster_upstream_rq{envoy_cluster_name="web_canary_default",envoy_response_code="404"} 3
            """;

        var counters = EnvoyClusterCounters.Read(PrometheusTextParser.Parse(Text), "web-canary.default");

        Assert.That(counters!.Requests, Is.EqualTo(100));
        Assert.That(counters.Errors5xx, Is.EqualTo(7));
        Assert.That(EnvoyClusterCounters.Read(PrometheusTextParser.Parse(Text), "other"), Is.Null);
    }

    private static (AmbassadorCanary.Analysis.Metrics.TrafficWindow? Window, EnvoyStatsSnapshot Next) Compute(EnvoyStatsSnapshot? previous, DateTimeOffset now, params PodScrape[] scrapes) =>
        EnvoyStatsDelta.Compute(previous, scrapes, "web-canary", "web", now);

    private static PodScrape Scrape(AmbassadorPod pod, string text) => new(pod, PrometheusTextParser.Parse(text));

    // The series Envoy's /stats/prometheus exposes for the two clusters, cumulative as Envoy reports them.
    private static string Counters(long canaryRq, long canary5xx, long primaryRq, long primary5xx, long[]? canaryBuckets = null)
    {
        var text = new StringBuilder();
        text.AppendLine("# TYPE envoy_cluster_upstream_rq_total counter");
        void Cluster(string name, long rq, long errors, long[] buckets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"envoy_cluster_upstream_rq_total{{envoy_cluster_name=\"{name}\"}} {rq}");
            text.AppendLine(CultureInfo.InvariantCulture, $"envoy_cluster_upstream_rq_xx{{envoy_cluster_name=\"{name}\",envoy_response_code_class=\"2\"}} {rq - errors}");
            text.AppendLine(CultureInfo.InvariantCulture, $"envoy_cluster_upstream_rq_xx{{envoy_cluster_name=\"{name}\",envoy_response_code_class=\"5\"}} {errors}");
            string[] les = ["25", "50", "100", "+Inf"];
            for (var i = 0; i < les.Length; i++)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"envoy_cluster_upstream_rq_time_bucket{{envoy_cluster_name=\"{name}\",le=\"{les[i]}\"}} {buckets[i]}");
            }
        }

        Cluster("web-canary", canaryRq, canary5xx, canaryBuckets ?? [0, 0, 0, 0]);
        Cluster("web", primaryRq, primary5xx, [0, 0, 0, 0]);
        return text.ToString();
    }
}
