using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Workloads;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Preview;

/// <summary>
/// Deploys a pull request's version as its own workload behind a header route, and removes it again. Independent of any
/// canary rollout of the same target: its own Deployment, Service and Mapping, never the canary's or the primary's.
/// Order: Deployment and Service, wait until ready, then the Mapping; removal goes the other way round.
/// </summary>
internal sealed class PreviewDeployer(IKubernetes client, RolloutSpec spec, HeaderRouteSpec header, IRolloutPacer pacer, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>How often readiness is polled while waiting.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggers.CreateLogger<PreviewDeployer>();
    private readonly PreviewNames _names = PreviewNames.For(spec.Target, header.Name);

    private string Ns => spec.Target.Namespace;

    /// <summary>Creates or updates the preview; the route is written only once the preview Deployment is ready.</summary>
    public async Task<PreviewOutcome> DeployAsync(string? baseUrl, CancellationToken cancellationToken)
    {
        var primary = await FindPrimaryRouteAsync(cancellationToken);
        var names = _names with { PrimaryService = primary.Service.Name };
        var route = new PreviewRoute(client, primary, header, names, spec.Route.AmbassadorId, _logger);
        var url = baseUrl is null ? null : UrlOf(baseUrl, (string?)primary.Spec["prefix"]);
        var deployment = await ReadAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(spec.Target.Deployment, Ns, cancellationToken: cancellationToken), $"Deployment {Ns}/{spec.Target.Deployment}", cancellationToken)
            ?? throw new RolloutInputException($"Deployment {Ns}/{spec.Target.Deployment} not found: the target Deployment must exist");
        var service = await ReadAsync(() => client.CoreV1.ReadNamespacedServiceAsync(names.PrimaryService, Ns, cancellationToken: cancellationToken), $"Service {Ns}/{names.PrimaryService}", cancellationToken)
            ?? throw new RolloutInputException($"Service {Ns}/{names.PrimaryService} not found: the primary Service must exist");
        var problems = CanaryWorkloadBuilder.CheckImages(deployment, spec.Target.Images);
        if (problems.Count > 0)
        {
            throw new RolloutInputException(string.Join(Environment.NewLine, problems));
        }

        await ApplyWorkloadAsync(PreviewWorkloadBuilder.Deployment(deployment, service, names, spec.Target.Images), PreviewWorkloadBuilder.Service(service, deployment, names), cancellationToken);
        var health = await WaitUntilReadyAsync(names, cancellationToken);
        var outcome = new PreviewOutcome { Succeeded = false, Names = names, Mapping = route.MappingName, Route = header, Url = url, Message = "" };
        if (health != WorkloadHealth.Ready)
        {
            var why = health == WorkloadHealth.Failed ? "its progress deadline was exceeded" : $"it was not ready within {spec.ProgressDeadline}";
            return outcome with { Message = $"preview {Ns}/{names.Workload} ({CanaryWorkload.Describe(spec.Target.Images)}) is not ready: {why}; no traffic is routed to it" };
        }

        await route.ApplyAsync(cancellationToken);
        return outcome with { Succeeded = true, Message = $"preview {Ns}/{names.Workload} is ready ({CanaryWorkload.Describe(spec.Target.Images)}) behind Mapping {route.MappingName}" };
    }

    /// <summary>Removes the Mapping, then the Service, then the Deployment. Nothing there is success.</summary>
    public async Task<PreviewOutcome> CleanupAsync(CancellationToken cancellationToken)
    {
        var primary = await FindPrimaryRouteAsync(cancellationToken);
        var names = _names with { PrimaryService = primary.Service.Name };
        var route = new PreviewRoute(client, primary, header, names, spec.Route.AmbassadorId, _logger);
        var removed = new List<string>();
        if (await route.RemoveAsync(cancellationToken))
        {
            removed.Add($"Mapping {route.MappingName}");
        }

        if (await CreateOrReplace.DeleteAsync($"Service {Ns}/{names.Service}", ct => client.CoreV1.DeleteNamespacedServiceAsync(names.Service, Ns, cancellationToken: ct), cancellationToken))
        {
            PreviewLog.Deleted(_logger, "Service", Ns, names.Service);
            removed.Add($"Service {names.Service}");
        }

        if (await CreateOrReplace.DeleteAsync($"Deployment {Ns}/{names.Workload}", ct => client.AppsV1.DeleteNamespacedDeploymentAsync(names.Workload, Ns, cancellationToken: ct), cancellationToken))
        {
            PreviewLog.Deleted(_logger, "Deployment", Ns, names.Workload);
            removed.Add($"Deployment {names.Workload}");
        }

        var message = removed.Count == 0
            ? $"preview {Ns}/{names.Workload}: nothing to remove"
            : $"preview {Ns}/{names.Workload} removed: {string.Join(", ", removed)}";
        return new PreviewOutcome { Succeeded = true, Names = names, Mapping = route.MappingName, Route = header, Message = message };
    }

    /// <summary>base + prefix, with exactly one slash between them.</summary>
    public static string UrlOf(string baseUrl, string? prefix) => baseUrl.TrimEnd('/') + "/" + (prefix ?? "/").TrimStart('/');

    private async Task<PrimaryRoute> FindPrimaryRouteAsync(CancellationToken cancellationToken)
    {
        if (PreviewNames.Problem(header.Name) is { } problem)
        {
            throw new RolloutInputException(problem);
        }

        // The factory only reads (dialect discovery, the primary Mapping); the router it builds is never used to write.
        var router = await TrafficRouterFactory.CreateAsync(client, spec with { HeaderRoute = header }, _logger, cancellationToken);
        return router.Primary;
    }

    private async Task ApplyWorkloadAsync(V1Deployment deployment, V1Service service, CancellationToken cancellationToken)
    {
        await CreateOrReplace.RunAsync(
            $"Deployment {Ns}/{_names.Workload}",
            ct => ReadAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(_names.Workload, Ns, cancellationToken: ct), $"Deployment {Ns}/{_names.Workload}", ct),
            ct => client.AppsV1.CreateNamespacedDeploymentAsync(deployment, Ns, cancellationToken: ct),
            (current, ct) =>
            {
                deployment.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
                return client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, _names.Workload, Ns, cancellationToken: ct);
            },
            cancellationToken);
        await CreateOrReplace.RunAsync(
            $"Service {Ns}/{_names.Service}",
            ct => ReadAsync(() => client.CoreV1.ReadNamespacedServiceAsync(_names.Service, Ns, cancellationToken: ct), $"Service {Ns}/{_names.Service}", ct),
            ct => client.CoreV1.CreateNamespacedServiceAsync(service, Ns, cancellationToken: ct),
            (current, ct) =>
            {
                // Keep what the cluster assigned, and the route annotation of the annotation dialect.
                service.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
                service.Spec.ClusterIP = current.Spec.ClusterIP;
                service.Spec.ClusterIPs = current.Spec.ClusterIPs;
                service.Metadata.Annotations = current.Metadata.Annotations;
                return client.CoreV1.ReplaceNamespacedServiceAsync(service, _names.Service, Ns, cancellationToken: ct);
            },
            cancellationToken);
    }

    private async Task<WorkloadHealth> WaitUntilReadyAsync(PreviewNames names, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + spec.ProgressDeadline;
        while (true)
        {
            var current = await ReadAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(names.Workload, Ns, cancellationToken: cancellationToken), $"Deployment {Ns}/{names.Workload}", cancellationToken);
            var health = DeploymentHealth.Of(current, spec.Target.Images);
            if (health is WorkloadHealth.Ready or WorkloadHealth.Failed || time.GetUtcNow() >= deadline)
            {
                if (health == WorkloadHealth.Ready)
                {
                    PreviewLog.Ready(_logger, Ns, names.Workload);
                }

                return health;
            }

            PreviewLog.Waiting(_logger, Ns, names.Workload, health);
            await pacer.WaitAsync(PollInterval, cancellationToken);
        }
    }

    private static Task<T?> ReadAsync<T>(Func<Task<T>> read, string what, CancellationToken cancellationToken)
        where T : class =>
        CreateOrReplace.ReadAsync<T>(what, async _ => await read(), cancellationToken);
}
