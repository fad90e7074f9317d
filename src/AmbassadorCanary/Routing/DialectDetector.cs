using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using k8s;
using k8s.Autorest;

namespace AmbassadorCanary.Routing;

/// <summary>Picks the Mapping dialect from API discovery (/apis): the group's preferred version, else the newest served.</summary>
internal static class DialectDetector
{
    public static async Task<MappingDialect> DetectAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        k8s.Models.V1APIGroupList groups;
        try
        {
            groups = await client.Apis.GetAPIVersionsAsync(cancellationToken);
        }
        catch (HttpOperationException e)
        {
            throw new ClusterOperationException($"API discovery (/apis): {Workloads.KubernetesErrors.Describe(e)}", e);
        }

        var group = groups.Groups?.FirstOrDefault(g => g.Name == MappingDialects.Group);
        if (group is null)
        {
            // No Mapping CRDs: only the 0.x annotation dialect can route.
            return MappingDialect.Annotation;
        }

        if (MappingDialects.FromVersion(group.PreferredVersion?.Version) is { } preferred)
        {
            return preferred;
        }

        var served = group.Versions?.Select(v => v.Version).ToList() ?? [];
        foreach (var version in new[] { "v3alpha1", "v2", "v1" })
        {
            if (served.Contains(version))
            {
                return MappingDialects.FromVersion(version)!.Value;
            }
        }

        throw new RolloutInputException($"the cluster serves {MappingDialects.Group} versions [{string.Join(", ", served)}], none of them a known Mapping dialect; set the dialect explicitly");
    }
}
