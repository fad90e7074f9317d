namespace AmbassadorCanary.Analysis.Envoy;

/// <summary>An Ambassador/Emissary pod whose Envoy admin endpoint is scraped. Uid tells a replaced pod from a restarted one.</summary>
internal sealed record AmbassadorPod(string Namespace, string Name, string? Uid = null)
{
    public string Key => $"{Namespace}/{Name}";
}

/// <summary>The I/O seam of the Envoy-stats provider: find the Ambassador pods, and fetch one pod's /metrics text.</summary>
internal interface IAmbassadorPodScraper
{
    Task<IReadOnlyList<AmbassadorPod>> FindPodsAsync(CancellationToken cancellationToken);

    /// <summary>The Prometheus text of the pod's admin endpoint (port 8877, /metrics), e.g. through the API server's pod proxy.</summary>
    Task<string> ScrapeAsync(AmbassadorPod pod, CancellationToken cancellationToken);
}

/// <summary>One pod's scrape, as handed to the pure delta computation.</summary>
internal sealed record PodScrape(AmbassadorPod Pod, PrometheusExposition Metrics);
