using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

public sealed class ConcurrencyAndStatusTests : EmulatorFixture
{
    [Test]
    public async Task A_replace_with_a_stale_resource_version_is_409_Conflict()
    {
        var name = Unique("web");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), "default");
        var first = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default");
        var second = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default");
        first.Spec.Replicas = 5;
        await Client.AppsV1.ReplaceNamespacedDeploymentAsync(first, name, "default");
        second.Spec.Replicas = 7;

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.ReplaceNamespacedDeploymentAsync(second, name, "default"));
        var status = JsonNode.Parse(e!.Response.Content)!;
        var stored = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default");

        Assert.That((int)e.Response.StatusCode, Is.EqualTo(409));
        Assert.That((string?)status["reason"], Is.EqualTo("Conflict"));
        Assert.That((string?)status["message"], Does.Contain("the object has been modified"));
        Assert.That(stored.Spec.Replicas, Is.EqualTo(5));
    }

    [Test]
    public async Task Deployment_status_is_written_only_through_the_status_subresource()
    {
        var name = Unique("web");
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), "default");
        created.Status = new V1DeploymentStatus { ObservedGeneration = 1, ReadyReplicas = 2, Replicas = 2 };
        created.Spec.Replicas = 9;
        var viaStatus = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(created, name, "default");
        var patchedStatus = await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"status":{"availableReplicas":2}}""", V1Patch.PatchType.MergePatch), name, "default");
        patchedStatus.Status.ReadyReplicas = 0;
        patchedStatus.Spec.Replicas = 4;
        var viaMain = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(patchedStatus, name, "default");
        var read = await Client.AppsV1.ReadNamespacedDeploymentStatusAsync(name, "default");

        Assert.That(viaStatus.Status.ReadyReplicas, Is.EqualTo(2));
        Assert.That(viaStatus.Spec.Replicas, Is.EqualTo(2), "a status write never changes spec");
        Assert.That(viaStatus.Metadata.Generation, Is.EqualTo(1));
        Assert.That(patchedStatus.Status.AvailableReplicas, Is.EqualTo(2));
        Assert.That(viaMain.Spec.Replicas, Is.EqualTo(4));
        Assert.That(viaMain.Status.ReadyReplicas, Is.EqualTo(2), "a main write never changes status");
        Assert.That(read.Status.AvailableReplicas, Is.EqualTo(2));
    }

    [Test]
    public async Task Status_sent_on_create_is_dropped()
    {
        var name = Unique("web");
        var deployment = Deployment(name);
        deployment.Status = new V1DeploymentStatus { ReadyReplicas = 3 };

        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");

        Assert.That(created.Status?.ReadyReplicas, Is.Null);
    }
}
