using AmbassadorCanary.Analysis.Envoy;
using AmbassadorCanary.Spec;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// Finds the Ambassador pods by the configured label selectors (tried in order; the first that matches any pod
/// wins), in one namespace or all, keeps the Running and Ready ones, and reads each one's admin /metrics through
/// the API server's pod proxy (/api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy/metrics).
/// </summary>
internal sealed class KubernetesPodProxyScraper(IKubernetes kubernetes, EnvoyStatsSpec envoy) : IAmbassadorPodScraper
{
    public const string MetricsPath = "metrics";

    public async Task<IReadOnlyList<AmbassadorPod>> FindPodsAsync(CancellationToken cancellationToken)
    {
        var where = string.IsNullOrEmpty(envoy.Namespace) ? "all namespaces" : $"namespace {envoy.Namespace}";
        foreach (var selector in envoy.PodSelectors)
        {
            V1PodList pods;
            try
            {
                pods = string.IsNullOrEmpty(envoy.Namespace)
                    ? await kubernetes.CoreV1.ListPodForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken)
                    : await kubernetes.CoreV1.ListNamespacedPodAsync(envoy.Namespace, labelSelector: selector, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException e)
            {
                throw new InvalidOperationException($"Envoy stats: listing pods with selector '{selector}' in {where} failed: {(int)e.Response.StatusCode} {Excerpt(e.Response.Content)}", e);
            }

            if (pods.Items.Count > 0)
            {
                return pods.Items
                    .Where(IsServing)
                    .OrderBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal)
                    .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
                    .Select(p => new AmbassadorPod(p.Metadata.NamespaceProperty, p.Metadata.Name, p.Metadata.Uid))
                    .ToList();
            }
        }

        return [];
    }

    public async Task<string> ScrapeAsync(AmbassadorPod pod, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await kubernetes.CoreV1.ConnectGetNamespacedPodProxyWithPathAsync(
                $"{pod.Name}:{envoy.AdminPort}", pod.Namespace, MetricsPath, cancellationToken: cancellationToken);
            using var reader = new StreamReader(body);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw new InvalidOperationException($"pod {pod.Key}:{envoy.AdminPort}/{MetricsPath} via the API server proxy: {(int)e.Response.StatusCode} {Excerpt(e.Response.Content)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"pod {pod.Key}:{envoy.AdminPort}/{MetricsPath} via the API server proxy: {e.Message}", e);
        }
    }

    /// <summary>Running, Ready, and not being deleted: a pod Envoy still serves traffic from.</summary>
    internal static bool IsServing(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase == "Running"
        && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static string Excerpt(string? body)
    {
        var oneLine = (body ?? "").ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 200 ? oneLine : oneLine[..200] + "...";
    }
}
