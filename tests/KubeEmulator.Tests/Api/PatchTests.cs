using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

/// <summary>The three patch types KubernetesClient sends (KubernetesClient.Aot serializes only string patch bodies).</summary>
public sealed class PatchTests : EmulatorFixture
{
    [Test]
    public async Task Merge_patch_merges_maps_and_null_deletes()
    {
        var name = Unique("cm");
        var cm = ConfigMap(name);
        cm.Data["other"] = "x";
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"key":"2","other":null},"metadata":{"labels":{"track":"canary"}}}""", V1Patch.PatchType.MergePatch), name, "default");

        Assert.That(patched.Data, Is.EqualTo(new Dictionary<string, string> { ["key"] = "2" }));
        Assert.That(patched.Metadata.Labels, Is.EqualTo(new Dictionary<string, string> { ["app"] = "web", ["track"] = "canary" }));
    }

    [Test]
    public async Task Json_patch_applies_operations_and_a_failed_test_op_changes_nothing()
    {
        var name = Unique("web");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), "default");

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""
            [{"op":"test","path":"/spec/replicas","value":2},
             {"op":"replace","path":"/spec/replicas","value":3},
             {"op":"add","path":"/metadata/labels/track","value":"canary"}]
            """, V1Patch.PatchType.JsonPatch), name, "default");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""
            [{"op":"test","path":"/spec/replicas","value":2},{"op":"replace","path":"/spec/replicas","value":9}]
            """, V1Patch.PatchType.JsonPatch), name, "default"));
        var after = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default");

        Assert.That(patched.Spec.Replicas, Is.EqualTo(3));
        Assert.That(patched.Metadata.Labels["track"], Is.EqualTo("canary"));
        Assert.That(patched.Metadata.Generation, Is.EqualTo(2));
        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(422));
        Assert.That(after.Spec.Replicas, Is.EqualTo(3));
    }

    [Test]
    public async Task Strategic_merge_patch_merges_containers_env_and_ports_by_key()
    {
        var name = Unique("web");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), "default");

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""
            {"spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:2",
              "env":[{"name":"TRACK","value":"canary"}],"ports":[{"containerPort":9090,"name":"metrics"}]}]}}}}
            """, V1Patch.PatchType.StrategicMergePatch), name, "default");
        var container = patched.Spec.Template.Spec.Containers.Single();

        Assert.That(container.Image, Is.EqualTo("web:2"));
        Assert.That(container.Env.Select(v => v.Name), Is.EqualTo(new[] { "MODE", "TRACK" }));
        Assert.That(container.Ports.Select(p => p.ContainerPort), Is.EqualTo(new[] { 8080, 9090 }));
    }

    [Test]
    public async Task Strategic_merge_patch_honours_delete_and_replace_directives()
    {
        var name = Unique("web");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), "default");

        var deleted = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""
            {"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"MODE","$patch":"delete"}]}]}}}}
            """, V1Patch.PatchType.StrategicMergePatch), name, "default");
        var replaced = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""
            {"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"sidecar","image":"proxy:1"}]}}}}
            """, V1Patch.PatchType.StrategicMergePatch), name, "default");

        Assert.That(deleted.Spec.Template.Spec.Containers.Single().Env ?? [], Is.Empty);
        Assert.That(deleted.Spec.Template.Spec.Containers.Single().Image, Is.EqualTo("web:1"));
        Assert.That(replaced.Spec.Template.Spec.Containers.Select(c => c.Name), Is.EqualTo(new[] { "sidecar" }));
    }

    [Test]
    public async Task Mappings_take_merge_and_json_patches_but_refuse_strategic_merge_with_415()
    {
        var name = Unique("map");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Mapping("v3alpha1", name), "getambassador.io", "v3alpha1", "default", "mappings");

        var merged = AsObject(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"weight":25}}""", V1Patch.PatchType.MergePatch), "getambassador.io", "v3alpha1", "default", "mappings", name));
        var jsonPatched = AsObject(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/weight","value":50}]""", V1Patch.PatchType.JsonPatch), "getambassador.io", "v2", "default", "mappings", name));
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"weight":1}}""", V1Patch.PatchType.StrategicMergePatch), "getambassador.io", "v3alpha1", "default", "mappings", name));

        Assert.That((long?)merged["spec"]!["weight"], Is.EqualTo(25));
        Assert.That((long?)merged["metadata"]!["generation"], Is.EqualTo(2));
        Assert.That((long?)jsonPatched["spec"]!["weight"], Is.EqualTo(50));
        Assert.That((string?)jsonPatched["apiVersion"], Is.EqualTo("getambassador.io/v2"));
        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(415));
    }

    [Test]
    public async Task A_patch_carrying_a_stale_resource_version_is_409()
    {
        var name = Unique("cm");
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name), "default");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"2"}}""", V1Patch.PatchType.MergePatch), name, "default");

        var stale = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = created.Metadata.ResourceVersion },
            ["data"] = new JsonObject { ["key"] = "3" },
        };
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(stale.ToJsonString(), V1Patch.PatchType.MergePatch), name, "default"));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(409));
        Assert.That((string?)JsonNode.Parse(e.Response.Content)!["reason"], Is.EqualTo("Conflict"));
    }

    [Test]
    public async Task Patching_a_missing_object_is_404()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.MergePatch), "missing", "default"));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(404));
    }
}
