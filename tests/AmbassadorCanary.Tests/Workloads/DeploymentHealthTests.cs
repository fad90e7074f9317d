using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Workloads;
using k8s.Models;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Workloads;

public sealed class DeploymentHealthTests
{
    private static readonly Dictionary<string, string> Images = new() { ["web"] = "web:2" };

    [TestCase("web:2", 2, 2, 2, 2, 2, 2, null, WorkloadHealth.Ready)]
    [TestCase("web:1", 2, 2, 2, 2, 2, 2, null, WorkloadHealth.Progressing)]
    [TestCase("web:2", 2, 1, 2, 2, 2, 2, null, WorkloadHealth.Progressing)]
    [TestCase("web:2", 2, 2, 3, 2, 2, 2, null, WorkloadHealth.Progressing)]
    [TestCase("web:2", 2, 2, 2, 1, 2, 2, null, WorkloadHealth.Progressing)]
    [TestCase("web:2", 2, 2, 2, 2, 1, 2, null, WorkloadHealth.Progressing)]
    [TestCase("web:2", 0, 2, 0, 0, 0, 0, null, WorkloadHealth.Progressing)]
    [TestCase("web:2", 2, 2, 2, 2, 0, 2, "ProgressDeadlineExceeded", WorkloadHealth.Failed)]
    public void Health_follows_rollout_status(string image, int replicas, long observedGeneration, int statusReplicas, int updated, int available, int ready, string? failedReason, WorkloadHealth expected)
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", Generation = 2 },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector(),
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = image }] } },
            },
            Status = new V1DeploymentStatus
            {
                ObservedGeneration = observedGeneration,
                Replicas = statusReplicas,
                UpdatedReplicas = updated,
                AvailableReplicas = available,
                ReadyReplicas = ready,
                Conditions = failedReason is null ? null : [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = failedReason }],
            },
        };

        Assert.That(DeploymentHealth.Of(deployment, Images), Is.EqualTo(expected));
    }

    [Test]
    public void A_missing_deployment_is_absent() => Assert.That(DeploymentHealth.Of(null, Images), Is.EqualTo(WorkloadHealth.Absent));
}
