using AmbassadorCanary.Analysis.Metrics;

namespace AmbassadorCanary.Analysis.Envoy;

/// <summary>
/// The Envoy-stats provider (the default): scrapes every Ambassador pod, sums them, and yields the canary and
/// primary clusters' traffic since the previous call. The first call only takes the baseline. Baseline can be
/// seeded from, and read back for, persisted state.
/// </summary>
internal sealed class EnvoyStatsWindowSource(IAmbassadorPodScraper scraper, EnvoyStatsSnapshot? baseline = null) : ITrafficWindowSource
{
    public EnvoyStatsSnapshot? Baseline { get; private set; } = baseline;

    public async Task<TrafficWindow?> NextWindowAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        var pods = await scraper.FindPodsAsync(cancellationToken);
        if (pods.Count == 0)
        {
            throw new InvalidOperationException("Envoy stats: no Ambassador pods found (check the analysis pod selectors and namespace)");
        }

        var scrapes = new List<PodScrape>(pods.Count);
        var failures = new List<string>();
        foreach (var pod in pods)
        {
            try
            {
                var text = await scraper.ScrapeAsync(pod, cancellationToken);
                scrapes.Add(new PodScrape(pod, PrometheusTextParser.Parse(text)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add($"{pod.Key}: {e.Message}");
            }
        }

        // A pod that did not answer keeps its last counters; its traffic shows up in a later window.
        if (scrapes.Count == 0)
        {
            throw new InvalidOperationException($"Envoy stats: no Ambassador pod could be scraped: {string.Join("; ", failures)}");
        }

        var (window, next) = EnvoyStatsDelta.Compute(Baseline, scrapes, context.CanaryStatsName, context.PrimaryStatsName, context.Now);
        Baseline = next;
        return window;
    }
}
