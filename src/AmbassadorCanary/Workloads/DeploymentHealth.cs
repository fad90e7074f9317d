using AmbassadorCanary.Lifecycle;
using k8s.Models;

namespace AmbassadorCanary.Workloads;

/// <summary>Reads a Deployment's status the way `kubectl rollout status` does.</summary>
internal static class DeploymentHealth
{
    public static WorkloadHealth Of(V1Deployment? deployment, IReadOnlyDictionary<string, string> images)
    {
        if (deployment is null)
        {
            return WorkloadHealth.Absent;
        }

        var status = deployment.Status;
        var progressing = status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing is { Status: "False", Reason: "ProgressDeadlineExceeded" })
        {
            return WorkloadHealth.Failed;
        }

        if (!CanaryWorkloadBuilder.RunsImages(deployment.Spec.Template, images) || status is null)
        {
            return WorkloadHealth.Progressing;
        }

        // A Deployment with no replicas has no endpoints: never ready, so no traffic is ever sent to it.
        var wanted = Math.Max(1, deployment.Spec.Replicas ?? 1);
        var observed = (status.ObservedGeneration ?? 0) >= (deployment.Metadata.Generation ?? 0);
        var rolledOut = (status.UpdatedReplicas ?? 0) >= wanted && (status.Replicas ?? 0) <= (status.UpdatedReplicas ?? 0);
        return observed && rolledOut && (status.AvailableReplicas ?? 0) >= wanted ? WorkloadHealth.Ready : WorkloadHealth.Progressing;
    }
}
