using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

/// <summary>Mappings on the Emissary 3 set: one stored object, seen through v1, v2 and v3alpha1.</summary>
public sealed class MappingTests : EmulatorFixture
{
    private const string Group = "getambassador.io";

    [Test]
    public async Task Mapping_crud_in_each_served_version([Values("v1", "v2", "v3alpha1")] string version)
    {
        var name = Unique("map-" + version);
        var created = AsObject(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Mapping(version, name), Group, version, "default", "mappings"));
        var read = AsObject(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, version, "default", "mappings", name));
        read["spec"]!["weight"] = 20;
        var replaced = AsObject(await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(read, Group, version, "default", "mappings", name));
        var list = AsObject(await Client.CustomObjects.ListNamespacedCustomObjectAsync(Group, version, "default", "mappings", labelSelector: "app=web"));
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, version, "default", "mappings", name);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, version, "default", "mappings", name));

        Assert.That((string?)created["apiVersion"], Is.EqualTo($"getambassador.io/{version}"));
        Assert.That((long?)created["metadata"]!["generation"], Is.EqualTo(1));
        Assert.That((long?)replaced["spec"]!["weight"], Is.EqualTo(20));
        Assert.That((long?)replaced["metadata"]!["generation"], Is.EqualTo(2));
        Assert.That(list["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]), Does.Contain(name));
        Assert.That((string?)list["kind"], Is.EqualTo("MappingList"));
        Assert.That((int)gone!.Response.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task A_v3alpha1_Mapping_reads_back_through_v2_with_host_and_round_trips()
    {
        var name = Unique("conv");
        var mapping = Mapping("v3alpha1", name);
        mapping["spec"]!["hostname"] = "web.example.com";
        mapping["spec"]!["ambassador_id"] = new JsonArray("edge");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(mapping, Group, "v3alpha1", "default", "mappings");

        var asV2 = AsObject(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v2", "default", "mappings", name));
        asV2["spec"]!["weight"] = 30;
        await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(asV2, Group, "v2", "default", "mappings", name);
        var asV3 = AsObject(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v3alpha1", "default", "mappings", name));

        Assert.That((string?)asV2["apiVersion"], Is.EqualTo("getambassador.io/v2"));
        Assert.That((string?)asV2["spec"]!["host"], Is.EqualTo("web.example.com"));
        Assert.That(asV2["spec"]!["hostname"], Is.Null);
        Assert.That((string?)asV3["spec"]!["hostname"], Is.EqualTo("web.example.com"));
        Assert.That(asV3["spec"]!["host"], Is.Null);
        Assert.That(asV3["spec"]!["ambassador_id"]!.ToJsonString(), Is.EqualTo("[\"edge\"]"));
        Assert.That((long?)asV3["spec"]!["weight"], Is.EqualTo(30));
    }

    [Test]
    public async Task A_v2_ambassador_id_string_reads_as_a_list_in_v3alpha1()
    {
        var name = Unique("conv2");
        var mapping = Mapping("v2", name);
        mapping["spec"]!["host"] = "api.example.com";
        mapping["spec"]!["ambassador_id"] = "edge";
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(mapping, Group, "v2", "default", "mappings");

        var asV3 = AsObject(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v3alpha1", "default", "mappings", name));
        var asV2 = AsObject(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v2", "default", "mappings", name));

        Assert.That(asV3["spec"]!["ambassador_id"]!.ToJsonString(), Is.EqualTo("[\"edge\"]"));
        Assert.That((string?)asV3["spec"]!["hostname"], Is.EqualTo("api.example.com"));
        Assert.That((string?)asV2["spec"]!["ambassador_id"], Is.EqualTo("edge"));
    }

    [Test]
    public async Task Mapping_status_is_written_only_through_the_status_subresource()
    {
        var name = Unique("status");
        var created = AsObject(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Mapping("v3alpha1", name), Group, "v3alpha1", "default", "mappings"));
        created["status"] = new JsonObject { ["state"] = "Running" };
        created["spec"]!["weight"] = 50;
        var viaStatus = AsObject(await Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(created, Group, "v3alpha1", "default", "mappings", name));
        var (statusState, statusWeight) = ((string?)viaStatus["status"]!["state"], (long?)viaStatus["spec"]!["weight"]);
        viaStatus["status"] = new JsonObject { ["state"] = "Inactive" };
        var viaMain = AsObject(await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(viaStatus, Group, "v3alpha1", "default", "mappings", name));

        Assert.That(statusState, Is.EqualTo("Running"));
        Assert.That(statusWeight, Is.EqualTo(10), "a status write never changes spec");
        Assert.That((string?)viaMain["status"]!["state"], Is.EqualTo("Running"), "a main write never changes status");
    }
}
