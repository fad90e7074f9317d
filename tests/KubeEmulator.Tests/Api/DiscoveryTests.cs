using k8s;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

public sealed class DiscoveryTests
{
    [TestCase(AmbassadorCrdSet.Emissary3, new[] { "v2", "v1", "v3alpha1" }, "v2")]
    [TestCase(AmbassadorCrdSet.Emissary4, new[] { "v3alpha1" }, "v3alpha1")]
    [TestCase(AmbassadorCrdSet.None, new string[0], null)]
    public async Task Served_Mapping_versions_are_detected_from_discovery(AmbassadorCrdSet set, string[] expected, string? preferred)
    {
        await using var emulator = await KubeApiEmulator.StartAsync(new EmulatorOptions { CrdSet = set }, CancellationToken.None);
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = emulator.BaseAddress.ToString() });

        var groups = await client.Apis.GetAPIVersionsAsync();
        var ambassador = groups.Groups.SingleOrDefault(g => g.Name == "getambassador.io");

        Assert.That(groups.Groups.Select(g => g.Name), Is.SupersetOf(new[] { "apps", "coordination.k8s.io" }));
        Assert.That(ambassador?.Versions.Select(v => v.Version) ?? [], Is.EqualTo(expected));
        Assert.That(ambassador?.PreferredVersion.Version, Is.EqualTo(preferred));
    }

    [Test]
    public async Task Resource_lists_name_exactly_what_is_served_with_subresources()
    {
        await using var emulator = await KubeApiEmulator.StartAsync(new EmulatorOptions(), CancellationToken.None);
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = emulator.BaseAddress.ToString() });

        var core = await client.CoreV1.GetAPIResourcesAsync();
        var apps = await client.AppsV1.GetAPIResourcesAsync();
        var coordination = await client.CoordinationV1.GetAPIResourcesAsync();
        var coreVersions = await client.Core.GetAPIVersionsAsync();

        Assert.That(core.Resources.Select(r => r.Name), Is.EquivalentTo(new[]
        {
            "namespaces", "namespaces/status", "services", "services/status", "configmaps", "events", "pods", "pods/status", "pods/proxy",
        }));
        Assert.That(apps.Resources.Select(r => r.Name), Is.EquivalentTo(new[] { "deployments", "deployments/status" }));
        var deployments = apps.Resources.Single(r => r.Name == "deployments");
        Assert.That(deployments.Kind, Is.EqualTo("Deployment"));
        Assert.That(deployments.Namespaced, Is.True);
        Assert.That(deployments.SingularName, Is.EqualTo("deployment"));
        Assert.That(deployments.Verbs, Does.Contain("watch").And.Contain("patch"));
        Assert.That(coordination.Resources.Select(r => r.Name), Is.EqualTo(new[] { "leases" }));
        Assert.That(core.Resources.Single(r => r.Name == "namespaces").Namespaced, Is.False);
        Assert.That(coreVersions.Versions, Is.EqualTo(new[] { "v1" }));
    }

    [Test]
    public async Task Kubeconfig_points_the_client_at_the_emulator()
    {
        await using var emulator = await KubeApiEmulator.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var path = Path.Combine(Path.GetTempPath(), $"emu-kubeconfig-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, emulator.KubeconfigYaml("secret-token"));
        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(config);
            var namespaces = await client.CoreV1.ListNamespaceAsync();

            Assert.That(config.AccessToken, Is.EqualTo("secret-token"));
            Assert.That(config.Namespace, Is.EqualTo("default"));
            Assert.That(namespaces.Items.Select(n => n.Metadata.Name), Is.EquivalentTo(new[] { "default", "kube-system" }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
