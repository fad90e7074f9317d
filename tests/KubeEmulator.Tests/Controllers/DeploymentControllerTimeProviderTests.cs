using KubeEmulator.Controllers;
using KubeEmulator.Store;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace KubeEmulator.Tests.Controllers;

/// <summary>The controller relies only on TimeProvider timers, so any provider drives it (here the stock FakeTimeProvider).</summary>
[TestFixture]
public sealed class DeploymentControllerTimeProviderTests
{
    [Test]
    public void Another_time_provider_drives_the_ready_delay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new ObjectStore(time);
        using var controller = new DeploymentController(store, time, new DeploymentControllerOptions { ReadyDelay = TimeSpan.FromSeconds(30) });

        store.Create(ResourceType.Deployments, "default", DeploymentControllerTests.Deployment("web", "web:1.0", replicas: 2));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(store.Get(ResourceType.Deployments, "default", "web")!["status"]!["readyReplicas"], Is.Null);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((int?)store.Get(ResourceType.Deployments, "default", "web")!["status"]!["readyReplicas"], Is.EqualTo(2));
        Assert.That(controller.Failures, Is.Empty);
    }
}
