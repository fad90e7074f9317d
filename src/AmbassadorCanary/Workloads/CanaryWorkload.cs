using AmbassadorCanary.Lifecycle;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Workloads;

/// <summary>The canary Deployment and Service, and the primary's pod template at promotion. All through IKubernetes.</summary>
internal sealed class CanaryWorkload(IKubernetes client, CanaryNames names, ILogger logger)
{
    public CanaryNames Names => names;

    /// <summary>The primary Deployment; absent is bad input.</summary>
    public async Task<V1Deployment> ReadPrimaryAsync(CancellationToken cancellationToken) =>
        await ReadDeploymentAsync(names.Primary, cancellationToken)
        ?? throw new RolloutInputException($"Deployment {names.Namespace}/{names.Primary} not found: the target Deployment must exist");

    /// <summary>The primary Service; absent is bad input.</summary>
    public async Task<V1Service> ReadPrimaryServiceAsync(CancellationToken cancellationToken) =>
        await CreateOrReplace.ReadAsync($"Service {names.Namespace}/{names.PrimaryService}",
            ct => client.CoreV1.ReadNamespacedServiceAsync(names.PrimaryService, names.Namespace, cancellationToken: ct)!, cancellationToken)
        ?? throw new RolloutInputException($"Service {names.Namespace}/{names.PrimaryService} not found: the primary Service must exist");

    public Task<V1Deployment?> ReadCanaryAsync(CancellationToken cancellationToken) => ReadDeploymentAsync(names.Canary, cancellationToken);

    /// <summary>Both objects as they would be written, for plan and for apply.</summary>
    public async Task<(V1Deployment Deployment, V1Service Service)> BuildAsync(IReadOnlyDictionary<string, string> images, string revision, CancellationToken cancellationToken)
    {
        var primary = await ReadPrimaryAsync(cancellationToken);
        var service = await ReadPrimaryServiceAsync(cancellationToken);
        return (CanaryWorkloadBuilder.Deployment(primary, service, names, images, revision), CanaryWorkloadBuilder.Service(service, primary, names, revision));
    }

    /// <summary>Creates or updates the canary Deployment, then its Service. Routes come later, once the canary is ready.</summary>
    public async Task ApplyAsync(IReadOnlyDictionary<string, string> images, string revision, CancellationToken cancellationToken)
    {
        var (deployment, service) = await BuildAsync(images, revision, cancellationToken);
        await CreateOrReplace.RunAsync(
            $"Deployment {names.Namespace}/{names.Canary}",
            ct => ReadDeploymentAsync(names.Canary, ct),
            ct => client.AppsV1.CreateNamespacedDeploymentAsync(deployment, names.Namespace, cancellationToken: ct),
            (current, ct) =>
            {
                deployment.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
                return client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, names.Canary, names.Namespace, cancellationToken: ct);
            },
            cancellationToken);
        WorkloadLog.DeploymentApplied(logger, names.Namespace, names.Canary, revision);

        await CreateOrReplace.RunAsync(
            $"Service {names.Namespace}/{names.CanaryService}",
            ct => ReadServiceAsync(names.CanaryService, ct),
            ct => client.CoreV1.CreateNamespacedServiceAsync(service, names.Namespace, cancellationToken: ct),
            (current, ct) =>
            {
                // Keep what the cluster assigned (clusterIP) and what other controllers annotated (the 0.x Mapping annotation).
                service.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
                service.Spec.ClusterIP = current.Spec.ClusterIP;
                service.Spec.ClusterIPs = current.Spec.ClusterIPs;
                foreach (var (key, value) in current.Metadata.Annotations ?? new Dictionary<string, string>())
                {
                    service.Metadata.Annotations.TryAdd(key, value);
                }

                return client.CoreV1.ReplaceNamespacedServiceAsync(service, names.CanaryService, names.Namespace, cancellationToken: ct);
            },
            cancellationToken);
        WorkloadLog.ServiceApplied(logger, names.Namespace, names.CanaryService);
    }

    /// <summary>Puts the new images into the primary's pod template in place: the primary is never deleted or recreated.</summary>
    public async Task PromotePrimaryAsync(IReadOnlyDictionary<string, string> images, string revision, CancellationToken cancellationToken)
    {
        await CreateOrReplace.RunAsync(
            $"Deployment {names.Namespace}/{names.Primary}",
            ct => ReadDeploymentAsync(names.Primary, ct),
            _ => throw new RolloutInputException($"Deployment {names.Namespace}/{names.Primary} disappeared during promotion"),
            (current, ct) =>
            {
                current.Spec.Template = CanaryWorkloadBuilder.WithImages(current.Spec.Template, images);
                current.Status = null;
                return client.AppsV1.ReplaceNamespacedDeploymentAsync(current, names.Primary, names.Namespace, cancellationToken: ct);
            },
            cancellationToken);
        WorkloadLog.PrimaryPromoted(logger, names.Namespace, names.Primary, revision);
    }

    public async Task<(WorkloadHealth Canary, WorkloadHealth Primary)> ObserveAsync(IReadOnlyDictionary<string, string> images, CancellationToken cancellationToken)
    {
        var canary = await ReadCanaryAsync(cancellationToken);
        var primary = await ReadDeploymentAsync(names.Primary, cancellationToken);
        return (DeploymentHealth.Of(canary, images), DeploymentHealth.Of(primary, images));
    }

    public async Task RemoveServiceAsync(CancellationToken cancellationToken)
    {
        if (await CreateOrReplace.DeleteAsync($"Service {names.Namespace}/{names.CanaryService}",
                ct => client.CoreV1.DeleteNamespacedServiceAsync(names.CanaryService, names.Namespace, cancellationToken: ct), cancellationToken))
        {
            WorkloadLog.Deleted(logger, "Service", names.Namespace, names.CanaryService);
        }
    }

    public async Task RemoveDeploymentAsync(CancellationToken cancellationToken)
    {
        if (await CreateOrReplace.DeleteAsync($"Deployment {names.Namespace}/{names.Canary}",
                ct => client.AppsV1.DeleteNamespacedDeploymentAsync(names.Canary, names.Namespace, cancellationToken: ct), cancellationToken))
        {
            WorkloadLog.Deleted(logger, "Deployment", names.Namespace, names.Canary);
        }
    }

    public static string Describe(IReadOnlyDictionary<string, string> images) =>
        string.Join(", ", images.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}"));

    private Task<V1Deployment?> ReadDeploymentAsync(string name, CancellationToken cancellationToken) =>
        CreateOrReplace.ReadAsync($"Deployment {names.Namespace}/{name}",
            ct => client.AppsV1.ReadNamespacedDeploymentAsync(name, names.Namespace, cancellationToken: ct)!, cancellationToken);

    private Task<V1Service?> ReadServiceAsync(string name, CancellationToken cancellationToken) =>
        CreateOrReplace.ReadAsync($"Service {names.Namespace}/{name}",
            ct => client.CoreV1.ReadNamespacedServiceAsync(name, names.Namespace, cancellationToken: ct)!, cancellationToken);
}
