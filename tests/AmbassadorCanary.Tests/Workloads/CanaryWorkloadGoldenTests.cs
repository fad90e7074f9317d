using System.Text.Json.Nodes;
using AmbassadorCanary.Tests.Routing;
using AmbassadorCanary.Workloads;
using k8s;
using k8s.Models;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Workloads;

/// <summary>Primary Deployment and Service in, canary Deployment and Service out.</summary>
public sealed class CanaryWorkloadGoldenTests
{
    private const string GoldenDir = "Workloads/Golden";

    public static IEnumerable<string> Cases() => GoldenFiles.Cases(GoldenDir);

    [TestCaseSource(nameof(Cases))]
    public void Canary_objects_match_the_golden_file(string name)
    {
        var (primary, service, images, revision, folder) = Load(name);
        var names = new CanaryNames(primary.Metadata.NamespaceProperty, primary.Metadata.Name, service.Metadata.Name);

        var deployment = CanaryWorkloadBuilder.Deployment(primary, service, names, images, revision);
        var canaryService = CanaryWorkloadBuilder.Service(service, primary, names, revision);

        GoldenFiles.AssertMatches(folder, new JsonArray(JsonNode.Parse(KubernetesJson.Serialize(deployment)), JsonNode.Parse(KubernetesJson.Serialize(canaryService))));
    }

    [TestCaseSource(nameof(Cases))]
    public void Canary_pods_are_selected_by_neither_primary_selector(string name)
    {
        var (primary, service, images, revision, _) = Load(name);
        var names = new CanaryNames(primary.Metadata.NamespaceProperty, primary.Metadata.Name, service.Metadata.Name);

        var canary = CanaryWorkloadBuilder.Deployment(primary, service, names, images, revision);
        var canaryService = CanaryWorkloadBuilder.Service(service, primary, names, revision);
        var podLabels = canary.Spec.Template.Metadata.Labels;

        Assert.Multiple(() =>
        {
            Assert.That(Selects(primary.Spec.Selector.MatchLabels, podLabels), Is.False, "primary Deployment selects canary pods");
            Assert.That(Selects(service.Spec.Selector, podLabels), Is.False, "primary Service selects canary pods");
            Assert.That(Selects(canary.Spec.Selector.MatchLabels, podLabels), Is.True, "canary Deployment does not select its pods");
            Assert.That(Selects(canaryService.Spec.Selector, podLabels), Is.True, "canary Service does not select canary pods");
            Assert.That(Selects(canaryService.Spec.Selector, primary.Spec.Template.Metadata.Labels), Is.False, "canary Service selects primary pods");
        });
    }

    [Test]
    public void An_unknown_container_name_is_reported()
    {
        var (primary, _, _, _, _) = Load("two-containers");

        var errors = CanaryWorkloadBuilder.CheckImages(primary, new Dictionary<string, string> { ["web"] = "x", ["wbe"] = "y" });

        Assert.That(errors, Is.EqualTo(new[] { "Deployment prod/web has no container 'wbe' (containers: migrate, sidecar, web)" }));
    }

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static (V1Deployment Primary, V1Service Service, Dictionary<string, string> Images, string Revision, string Folder) Load(string name)
    {
        var folder = Path.Combine(GoldenFiles.Folder(GoldenDir), name);
        var input = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "input.json")))!;
        return (
            KubernetesJson.Deserialize<V1Deployment>(input["deployment"]!.ToJsonString()),
            KubernetesJson.Deserialize<V1Service>(input["service"]!.ToJsonString()),
            input["images"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!),
            (string)input["revision"]!,
            folder);
    }
}
