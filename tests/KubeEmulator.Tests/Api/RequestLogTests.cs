using k8s;
using k8s.Autorest;
using k8s.Models;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

public sealed class RequestLogTests : EmulatorFixture
{
    [Test]
    public async Task Every_request_is_recorded_with_verb_resource_and_outcome()
    {
        var ns = Unique("log");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        Emulator.Requests.Clear();

        var name = Unique("web");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), ns);
        await Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        await Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch("""{"status":{"replicas":1}}""", V1Patch.PatchType.MergePatch), name, ns);
        await Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web");
        await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("absent", ns));
        await Client.Apis.GetAPIVersionsAsync();

        var records = Emulator.Requests.All;
        var missing = Emulator.Requests.Where("get", "configmaps").Single();

        Assert.That(Emulator.Requests.Count("get", "deployments"), Is.EqualTo(2));
        Assert.That(Emulator.Requests.Count("create"), Is.EqualTo(1));
        Assert.That(Emulator.Requests.Count("patch", "deployments/status"), Is.EqualTo(1));
        Assert.That(Emulator.Requests.Count(resource: "deployments"), Is.EqualTo(4), "deployments counts its subresources too");
        Assert.That(records, Has.Count.EqualTo(7));
        Assert.That(missing.StatusCode, Is.EqualTo(404));
        Assert.That(missing.Namespace, Is.EqualTo(ns));
        Assert.That(missing.Name, Is.EqualTo("absent"));
        Assert.That(records[0].Group, Is.EqualTo("apps"));
        Assert.That(records[0].StatusCode, Is.EqualTo(201));
        Assert.That(Emulator.Requests.Permissions(), Is.EquivalentTo(new[]
        {
            ("create", "apps", "deployments"),
            ("get", "apps", "deployments"),
            ("patch", "apps", "deployments/status"),
            ("list", "", "pods"),
            ("get", "", "configmaps"),
        }));

        Emulator.Requests.Clear();
        Assert.That(Emulator.Requests.All, Is.Empty);
    }
}
