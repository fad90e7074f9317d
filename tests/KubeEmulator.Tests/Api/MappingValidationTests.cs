using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

/// <summary>Mapping writes validated against the real Emissary CRD schemas (../shared/crds), for each CRD set.</summary>
[TestFixture(AmbassadorCrdSet.Emissary3)]
[TestFixture(AmbassadorCrdSet.Emissary4)]
public sealed class MappingValidationTests : EmulatorFixture
{
    private const string Group = "getambassador.io";
    private readonly AmbassadorCrdSet _set;

    public MappingValidationTests(AmbassadorCrdSet set) => _set = set;

    private IEnumerable<string> Versions => _set == AmbassadorCrdSet.Emissary3 ? ["v1", "v2", "v3alpha1"] : ["v3alpha1"];

    protected override EmulatorOptions CreateOptions() => new() { CrdSet = _set, CrdDirectory = CrdDir };

    [Test]
    public async Task A_valid_Mapping_is_accepted_in_every_served_version()
    {
        foreach (var version in Versions)
        {
            var mapping = Mapping(version, Unique("ok"));
            mapping["spec"]!["timeout_ms"] = 3000;
            mapping["spec"]!["stats_name"] = "web-canary";
            mapping["spec"]!["headers"] = new JsonObject { ["x-canary"] = "always" };

            var created = AsObject(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(mapping, Group, version, "default", "mappings"));

            Assert.That((long?)created["spec"]!["timeout_ms"], Is.EqualTo(3000), version);
        }
    }

    [Test]
    public async Task A_string_weight_is_422_naming_the_field_in_every_served_version()
    {
        foreach (var version in Versions)
        {
            var name = Unique("weight");
            var mapping = Mapping(version, name);
            mapping["spec"]!["weight"] = "ten";

            var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
                Client.CustomObjects.CreateNamespacedCustomObjectAsync(mapping, Group, version, "default", "mappings"));
            var status = JsonNode.Parse(e!.Response.Content)!;

            Assert.That((int)e.Response.StatusCode, Is.EqualTo(422), version);
            Assert.That((string?)status["reason"], Is.EqualTo("Invalid"));
            Assert.That((string?)status["message"], Does.StartWith($"Mapping.getambassador.io \"{name}\" is invalid: spec.weight: Invalid value: \"string\": spec.weight in body must be of type integer"));
            Assert.That((string?)status["details"]!["causes"]![0]!["field"], Is.EqualTo("spec.weight"));
            Assert.That((string?)status["details"]!["kind"], Is.EqualTo("Mapping"));
        }
    }

    [Test]
    public async Task A_string_ambassador_id_is_422_in_v3alpha1()
    {
        var mapping = Mapping("v3alpha1", Unique("ambid"));
        mapping["spec"]!["ambassador_id"] = "edge";

        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.CreateNamespacedCustomObjectAsync(mapping, Group, "v3alpha1", "default", "mappings"));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(422));
        Assert.That((string?)JsonNode.Parse(e.Response.Content)!["message"], Does.EndWith("is invalid: spec.ambassador_id: Invalid value: \"string\": spec.ambassador_id in body must be of type array: \"string\""));
    }

    [Test]
    public async Task An_unknown_enum_value_is_422()
    {
        foreach (var version in Versions)
        {
            var mapping = Mapping(version, Unique("enum"));
            mapping["spec"]!["redirect_response_code"] = 305;

            var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
                Client.CustomObjects.CreateNamespacedCustomObjectAsync(mapping, Group, version, "default", "mappings"));

            Assert.That((int)e!.Response.StatusCode, Is.EqualTo(422), version);
            Assert.That((string?)JsonNode.Parse(e.Response.Content)!["message"], Does.Contain("spec.redirect_response_code: Unsupported value: 305"), version);
        }
    }

    [Test]
    public async Task A_missing_required_field_is_422()
    {
        var mapping = Mapping("v3alpha1", Unique("req"));
        mapping["spec"]!.AsObject().Remove("service");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.CreateNamespacedCustomObjectAsync(mapping, Group, "v3alpha1", "default", "mappings"));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(422));
        Assert.That((string?)JsonNode.Parse(e.Response.Content)!["message"], Does.Contain("spec.service: Required value"));
    }

    [Test]
    public async Task Patches_are_validated_too()
    {
        var name = Unique("patched");
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Mapping("v3alpha1", name), Group, "v3alpha1", "default", "mappings");
        // KubernetesClient.Aot serializes only string patch bodies.
        var patch = new V1Patch("""{"spec":{"weight":"high"}}""", V1Patch.PatchType.MergePatch);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, Group, "v3alpha1", "default", "mappings", name));
        var stored = AsObject(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v3alpha1", "default", "mappings", name));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(422));
        Assert.That((long?)stored["spec"]!["weight"], Is.EqualTo(10));
    }

    [Test]
    public async Task Unknown_fields_in_v3alpha1_are_pruned_with_a_warning()
    {
        var name = Unique("prune");
        var mapping = Mapping("v3alpha1", name);
        mapping["spec"]!["no_such_field"] = true;

        var response = await Client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(mapping, Group, "v3alpha1", "default", "mappings");
        var created = AsObject(response.Body);

        Assert.That(created["spec"]!.AsObject().ContainsKey("no_such_field"), Is.False);
        Assert.That(response.Response.Headers.GetValues("Warning").Single(), Does.Contain("unknown field").And.Contain("spec.no_such_field"));
    }
}
