using k8s;
using k8s.Models;

namespace AmbassadorCanary.Workloads;

/// <summary>Builds the canary Deployment and Service from the primary's. Pure: no cluster calls.</summary>
internal static class CanaryWorkloadBuilder
{
    /// <summary>Every container name in images that the primary's pod template lacks, as errors.</summary>
    public static IReadOnlyList<string> CheckImages(V1Deployment primary, IReadOnlyDictionary<string, string> images)
    {
        var known = AllContainers(primary.Spec.Template.Spec).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return images.Keys
            .Where(name => !known.Contains(name))
            .Select(name => $"Deployment {primary.Metadata.NamespaceProperty}/{primary.Metadata.Name} has no container '{name}' (containers: {string.Join(", ", known.Order(StringComparer.Ordinal))})")
            .ToList();
    }

    /// <summary>A copy of the template with the new images, by container name (init containers included).</summary>
    public static V1PodTemplateSpec WithImages(V1PodTemplateSpec template, IReadOnlyDictionary<string, string> images)
    {
        var copy = Clone(template);
        foreach (var container in AllContainers(copy.Spec))
        {
            if (images.TryGetValue(container.Name, out var image))
            {
                container.Image = image;
            }
        }

        return copy;
    }

    /// <summary>True when every named container of the template runs its new image.</summary>
    public static bool RunsImages(V1PodTemplateSpec template, IReadOnlyDictionary<string, string> images) =>
        AllContainers(template.Spec).Where(c => images.ContainsKey(c.Name)).All(c => c.Image == images[c.Name]);

    /// <summary>Selector keys whose values the canary rewrites: the Deployment's and the primary Service's.</summary>
    public static IReadOnlySet<string> SelectorKeys(V1Deployment primary, V1Service? primaryService) =>
        (primary.Spec.Selector.MatchLabels?.Keys ?? [])
            .Concat(primaryService?.Spec.Selector?.Keys ?? [])
            .ToHashSet(StringComparer.Ordinal);

    public static V1Deployment Deployment(V1Deployment primary, V1Service? primaryService, CanaryNames names, IReadOnlyDictionary<string, string> images, string revision)
    {
        var keys = SelectorKeys(primary, primaryService);
        var template = WithImages(primary.Spec.Template, images);
        var podLabels = CanaryLabels.Rewrite(template.Metadata?.Labels, keys);
        podLabels[CanaryLabels.Role] = CanaryLabels.RoleValue;
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels = podLabels;
        template.Metadata.Annotations = new Dictionary<string, string>(template.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [CanaryLabels.Revision] = revision,
        };
        var selector = CanaryLabels.Rewrite(primary.Spec.Selector.MatchLabels, keys);
        selector[CanaryLabels.Role] = CanaryLabels.RoleValue;
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = OwnMetadata(names.Canary, names, primary.Metadata.Labels, revision),
            Spec = new V1DeploymentSpec
            {
                Replicas = primary.Spec.Replicas ?? 1,
                Selector = new V1LabelSelector { MatchLabels = selector, MatchExpressions = primary.Spec.Selector.MatchExpressions },
                Template = template,
                Strategy = primary.Spec.Strategy,
                MinReadySeconds = primary.Spec.MinReadySeconds,
                ProgressDeadlineSeconds = primary.Spec.ProgressDeadlineSeconds,
                RevisionHistoryLimit = primary.Spec.RevisionHistoryLimit,
            },
        };
    }

    /// <summary>The primary Service's ports, selecting only canary pods. Always ClusterIP: the canary is reached through Ambassador.</summary>
    public static V1Service Service(V1Service primaryService, V1Deployment primary, CanaryNames names, string revision)
    {
        var keys = SelectorKeys(primary, primaryService);
        var selector = CanaryLabels.Rewrite(primaryService.Spec.Selector ?? primary.Spec.Selector.MatchLabels, keys);
        selector[CanaryLabels.Role] = CanaryLabels.RoleValue;
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = OwnMetadata(names.CanaryService, names, primaryService.Metadata.Labels, revision),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = selector,
                Ports = CopyPorts(primaryService),
            },
        };
    }

    private static V1ObjectMeta OwnMetadata(string name, CanaryNames names, IDictionary<string, string>? primaryLabels, string revision)
    {
        var labels = new Dictionary<string, string>(primaryLabels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [CanaryLabels.Role] = CanaryLabels.RoleValue,
            [CanaryLabels.Primary] = names.Primary,
        };
        return new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = names.Namespace,
            Labels = labels,
            Annotations = new Dictionary<string, string> { [CanaryLabels.Revision] = revision },
        };
    }

    private static IEnumerable<V1Container> AllContainers(V1PodSpec spec) => (spec.InitContainers ?? []).Concat(spec.Containers ?? []);

    private static T Clone<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));

    /// <summary>The primary Service's ports, without the node ports a copy must not claim.</summary>
    internal static List<V1ServicePort> CopyPorts(V1Service primaryService) =>
        (primaryService.Spec.Ports ?? []).Select(p => new V1ServicePort
        {
            Name = p.Name,
            Port = p.Port,
            TargetPort = p.TargetPort,
            Protocol = p.Protocol,
            AppProtocol = p.AppProtocol,
        }).ToList();
}
