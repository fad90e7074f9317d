using NUnit.Framework;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeEmulator.Tests.Api;

public sealed class CrudTests : EmulatorFixture
{
    [Test]
    public async Task ConfigMap_lifecycle_assigns_identity_and_increasing_resource_versions()
    {
        var name = Unique("cm");
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name), "default");
        var read = await Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default");
        read.Data["key"] = "2";
        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(read, name, "default");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: $"metadata.name={name}");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync(name, "default");

        Assert.That(created.Metadata.Uid, Is.Not.Empty);
        Assert.That(created.Metadata.CreationTimestamp, Is.Not.Null);
        Assert.That(created.Metadata.NamespaceProperty, Is.EqualTo("default"));
        Assert.That(read.Metadata.Uid, Is.EqualTo(created.Metadata.Uid));
        Assert.That(long.Parse(replaced.Metadata.ResourceVersion), Is.GreaterThan(long.Parse(created.Metadata.ResourceVersion)));
        Assert.That(replaced.Data["key"], Is.EqualTo("2"));
        Assert.That(list.Items.Select(i => i.Metadata.Name), Is.EqualTo(new[] { name }));
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync(name, "default"));
        Assert.That(gone!.Response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Missing_object_is_404_with_a_Status_body()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.ReadNamespacedDeploymentAsync("nope", "default"));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(404));
        Assert.That(e.Response.Content, Does.Contain("\"kind\":\"Status\"").And.Contain("\"reason\":\"NotFound\"")
            .And.Contain("deployments.apps \\\"nope\\\" not found").And.Contain("\"code\":404"));
    }

    [Test]
    public async Task Creating_an_existing_name_is_409_AlreadyExists()
    {
        var name = Unique("lease");
        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1LeaseSpec { HolderIdentity = "a" } };
        await Client.CoordinationV1.CreateNamespacedLeaseAsync(lease, "default");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoordinationV1.CreateNamespacedLeaseAsync(lease, "default"));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(409));
        Assert.That(e.Response.Content, Does.Contain("\"reason\":\"AlreadyExists\""));
    }

    [Test]
    public async Task A_name_that_is_not_DNS_1123_is_422()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "Bad_Name" }, Spec = new V1ServiceSpec() }, "default"));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(422));
        Assert.That(e.Response.Content, Does.Contain("\"reason\":\"Invalid\"").And.Contain("metadata.name"));
    }

    [Test]
    public async Task Creating_in_a_missing_namespace_is_404()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("x"), "no-such-ns"));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(404));
        Assert.That(e.Response.Content, Does.Contain("namespaces \\\"no-such-ns\\\" not found"));
    }

    [Test]
    public async Task Namespaces_default_and_kube_system_exist_and_new_ones_can_be_created_and_deleted()
    {
        var name = Unique("ns");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("inside"), name);
        var all = await Client.CoreV1.ListNamespaceAsync();
        await Client.CoreV1.DeleteNamespaceAsync(name);
        var after = await Client.CoreV1.ListNamespacedConfigMapAsync(name);

        Assert.That(all.Items.Select(n => n.Metadata.Name), Is.SupersetOf(new[] { "default", "kube-system", name }));
        Assert.That(all.Items.First(n => n.Metadata.Name == name).Status.Phase, Is.EqualTo("Active"));
        Assert.That(after.Items, Is.Empty);
    }

    [Test]
    public async Task Deployment_generation_grows_on_spec_changes_only_and_delete_answers_a_Status()
    {
        var name = Unique("web");
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), "default");
        created.Metadata.Labels["touched"] = "yes";
        var labelsOnly = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(created, name, "default");
        labelsOnly.Spec.Template.Spec.Containers[0].Image = "web:2";
        var specChanged = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(labelsOnly, name, "default");
        var status = await Client.AppsV1.DeleteNamespacedDeploymentAsync(name, "default");

        Assert.That(created.Metadata.Generation, Is.EqualTo(1));
        Assert.That(created.Spec.ProgressDeadlineSeconds, Is.EqualTo(600));
        Assert.That(labelsOnly.Metadata.Generation, Is.EqualTo(1));
        Assert.That(specChanged.Metadata.Generation, Is.EqualTo(2));
        Assert.That(status.Status, Is.EqualTo("Success"));
        Assert.That(status.Details.Name, Is.EqualTo(name));
    }

    [Test]
    public async Task Pods_and_services_list_by_label_selector()
    {
        foreach (var (name, track) in new[] { ("p-stable", "stable"), ("p-canary", "canary"), ("p-none", (string?)null) })
        {
            var labels = new Dictionary<string, string> { ["app"] = "sel" };
            if (track is not null)
            {
                labels["track"] = track;
            }

            await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = labels },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
            }, "default");
        }

        async Task<string[]> Names(string selector) =>
            [.. (await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector)).Items.Select(p => p.Metadata.Name).Order()];

        Assert.That(await Names("app=sel,track=canary"), Is.EqualTo(new[] { "p-canary" }));
        Assert.That(await Names("app==sel,track!=canary"), Is.EqualTo(new[] { "p-none", "p-stable" }));
        Assert.That(await Names("app=sel,track in (stable, canary)"), Is.EqualTo(new[] { "p-canary", "p-stable" }));
        Assert.That(await Names("app=sel,track notin (stable)"), Is.EqualTo(new[] { "p-canary", "p-none" }));
        Assert.That(await Names("app=sel,track"), Is.EqualTo(new[] { "p-canary", "p-stable" }));
        Assert.That(await Names("app=sel,!track"), Is.EqualTo(new[] { "p-none" }));
        Assert.That((await Client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: "app=sel")).Items, Has.Count.EqualTo(3));
    }
}
