using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Envoy;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class EnvoyStatsWindowSourceTests
{
    private static readonly AmbassadorPod PodA = new("ambassador", "a", "1");
    private static readonly AmbassadorPod PodB = new("ambassador", "b", "2");

    [Test]
    public async Task First_call_takes_the_baseline_then_windows_follow_and_a_silent_pod_is_skipped()
    {
        var scraper = new TableScraper();
        scraper.Texts[PodA] = Text(100, 1);
        scraper.Texts[PodB] = Text(50, 0);
        var source = new EnvoyStatsWindowSource(scraper);

        var first = await source.NextWindowAsync(Context(0), CancellationToken.None);
        scraper.Texts[PodA] = Text(130, 2);
        scraper.Texts[PodB] = null; // does not answer
        var second = await source.NextWindowAsync(Context(10), CancellationToken.None);

        Assert.That(first, Is.Null);
        Assert.That(second!.Canary.Requests, Is.EqualTo(30));
        Assert.That(second.Canary.Errors5xx, Is.EqualTo(1));
        Assert.That(source.Baseline!.Pods.Select(p => p.Pod), Is.EquivalentTo(new[] { "ambassador/a", "ambassador/b" }));
    }

    [Test]
    public async Task A_persisted_baseline_lets_a_new_process_continue()
    {
        var scraper = new TableScraper();
        scraper.Texts[PodA] = Text(100, 1);
        var earlier = new EnvoyStatsWindowSource(scraper);
        await earlier.NextWindowAsync(Context(0), CancellationToken.None);

        scraper.Texts[PodA] = Text(120, 1);
        var window = await new EnvoyStatsWindowSource(scraper, earlier.Baseline).NextWindowAsync(Context(60), CancellationToken.None);

        Assert.That(window!.Canary.Requests, Is.EqualTo(20));
        Assert.That(window.Duration, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public async Task No_pods_or_no_answer_at_all_is_an_error_with_context()
    {
        var none = new EnvoyStatsWindowSource(new TableScraper());
        var silent = new TableScraper();
        silent.Texts[PodA] = null;

        var noPods = await Assert.ThrowsAsync<InvalidOperationException>(() => none.NextWindowAsync(Context(0), CancellationToken.None));
        var noAnswer = await Assert.ThrowsAsync<InvalidOperationException>(() => new EnvoyStatsWindowSource(silent).NextWindowAsync(Context(0), CancellationToken.None));

        Assert.That(noPods!.Message, Does.Contain("no Ambassador pods found"));
        Assert.That(noAnswer!.Message, Does.Contain("ambassador/a: connection refused"));
    }

    private static string Text(long canaryRq, long canary5xx) => $$"""
        envoy_cluster_upstream_rq_total{envoy_cluster_name="web-canary"} {{canaryRq}}
        envoy_cluster_upstream_rq_xx{envoy_cluster_name="web-canary",envoy_response_code_class="5"} {{canary5xx}}
        envoy_cluster_upstream_rq_total{envoy_cluster_name="web"} 1000
        """;

    private static AnalysisContext Context(int seconds) => new(
        new RolloutSpec
        {
            Target = new TargetSpec { Namespace = "default", Deployment = "web", Images = new Dictionary<string, string> { ["web"] = "web:2" } },
            Route = new RouteSpec { Mapping = "web" },
            Steps = [new WeightStep(10)],
        },
        10,
        "web",
        "web-canary",
        "web",
        "web-canary",
        new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.Zero).AddSeconds(seconds));

    // Stands in for the pod proxy: the scraper seam is the provider's only I/O. A null text means the pod does not answer.
    private sealed class TableScraper : IAmbassadorPodScraper
    {
        public Dictionary<AmbassadorPod, string?> Texts { get; } = [];

        public Task<IReadOnlyList<AmbassadorPod>> FindPodsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AmbassadorPod>>(Texts.Keys.ToList());

        public Task<string> ScrapeAsync(AmbassadorPod pod, CancellationToken cancellationToken) =>
            Texts[pod] is { } text ? Task.FromResult(text) : throw new HttpRequestException("connection refused");
    }
}
