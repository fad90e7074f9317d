using AmbassadorCanary.Workloads;
using k8s.Models;

namespace AmbassadorCanary.Preview;

/// <summary>
/// Builds the preview Deployment and Service from the primary's, like the canary's: new images, and every selector
/// value rewritten (app: web → app: web-pr-123) so neither the primary Service nor the canary's ever selects a preview pod.
/// Pure: no cluster calls.
/// </summary>
internal static class PreviewWorkloadBuilder
{
    public static V1Deployment Deployment(V1Deployment primary, V1Service primaryService, PreviewNames names, IReadOnlyDictionary<string, string> images)
    {
        var keys = CanaryWorkloadBuilder.SelectorKeys(primary, primaryService);
        var template = CanaryWorkloadBuilder.WithImages(primary.Spec.Template, images);
        template.Metadata ??= new V1ObjectMeta();
        template.Metadata.Labels = Own(Rewrite(template.Metadata.Labels, keys, names), names);
        var selector = Own(Rewrite(primary.Spec.Selector.MatchLabels, keys, names), names);
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Metadata(names.Workload, names, primary.Metadata.Labels),
            Spec = new V1DeploymentSpec
            {
                // One replica serves a preview's testers; it is never scaled with the primary.
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = selector, MatchExpressions = primary.Spec.Selector.MatchExpressions },
                Template = template,
                Strategy = primary.Spec.Strategy,
                MinReadySeconds = primary.Spec.MinReadySeconds,
                ProgressDeadlineSeconds = primary.Spec.ProgressDeadlineSeconds,
                RevisionHistoryLimit = primary.Spec.RevisionHistoryLimit,
            },
        };
    }

    /// <summary>The primary Service's ports, selecting only this preview's pods. ClusterIP: it is reached through Ambassador.</summary>
    public static V1Service Service(V1Service primaryService, V1Deployment primary, PreviewNames names)
    {
        var keys = CanaryWorkloadBuilder.SelectorKeys(primary, primaryService);
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Metadata(names.Service, names, primaryService.Metadata.Labels),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = Own(Rewrite(primaryService.Spec.Selector ?? primary.Spec.Selector.MatchLabels, keys, names), names),
                Ports = CanaryWorkloadBuilder.CopyPorts(primaryService),
            },
        };
    }

    private static Dictionary<string, string> Rewrite(IDictionary<string, string>? labels, IReadOnlySet<string> selectorKeys, PreviewNames names)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            result[key] = selectorKeys.Contains(key) ? value + names.LabelSuffix : value;
        }

        return result;
    }

    private static Dictionary<string, string> Own(Dictionary<string, string> labels, PreviewNames names)
    {
        labels[CanaryLabels.Role] = PreviewLabels.RoleValue;
        labels[PreviewLabels.Name] = names.Name;
        return labels;
    }

    private static V1ObjectMeta Metadata(string name, PreviewNames names, IDictionary<string, string>? primaryLabels)
    {
        var labels = new Dictionary<string, string>(primaryLabels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [CanaryLabels.Primary] = names.Deployment,
        };
        return new V1ObjectMeta { Name = name, NamespaceProperty = names.Namespace, Labels = Own(labels, names) };
    }
}
