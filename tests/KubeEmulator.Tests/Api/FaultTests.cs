using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeEmulator.Api;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

public sealed class FaultTests : EmulatorFixture
{
    [TearDown]
    public void ClearFaults() => Emulator.Faults.Clear();

    [Test]
    public async Task InternalError_answers_the_next_N_matching_requests_with_500_then_stops()
    {
        var name = Unique("web");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), "default");
        Emulator.Faults.Add(new FaultRule { Kind = FaultKind.InternalError, Verb = "get", Resource = "deployments", Count = 2 });

        var listed = await Client.AppsV1.ListNamespacedDeploymentAsync("default");
        var first = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default"));
        var second = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default"));
        var third = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default");

        Assert.That(listed.Items, Is.Not.Empty, "a list is not a get");
        Assert.That((int)first!.Response.StatusCode, Is.EqualTo(500));
        Assert.That((string?)JsonNode.Parse(first.Response.Content)!["reason"], Is.EqualTo("InternalError"));
        Assert.That((int)second!.Response.StatusCode, Is.EqualTo(500));
        Assert.That(third.Metadata.Name, Is.EqualTo(name));
        Assert.That(Emulator.Faults.Pending, Is.Zero);
    }

    [Test]
    public async Task TooManyRequests_answers_429_with_Retry_After()
    {
        Emulator.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, Resource = "configmaps", RetryAfter = TimeSpan.FromSeconds(3) });

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync("default"));
        var after = await Client.CoreV1.ListNamespacedConfigMapAsync("default");

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(429));
        Assert.That(e.Response.Headers["Retry-After"].Single(), Is.EqualTo("3"));
        Assert.That((string?)JsonNode.Parse(e.Response.Content)!["reason"], Is.EqualTo("TooManyRequests"));
        Assert.That(after, Is.Not.Null);
    }

    [Test]
    public async Task Conflict_answers_409_for_the_named_object_only()
    {
        var target = Unique("map");
        var other = Unique("map");
        foreach (var name in new[] { target, other })
        {
            await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Mapping("v3alpha1", name), "getambassador.io", "v3alpha1", "default", "mappings");
        }

        Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Conflict, Verb = "patch", Resource = "mappings", Name = target });
        var patch = new V1Patch("""{"spec":{"weight":20}}""", V1Patch.PatchType.MergePatch);

        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "getambassador.io", "v3alpha1", "default", "mappings", other);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "getambassador.io", "v3alpha1", "default", "mappings", target));
        var retried = AsObject(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "getambassador.io", "v3alpha1", "default", "mappings", target));

        Assert.That((int)e!.Response.StatusCode, Is.EqualTo(409));
        Assert.That((string?)JsonNode.Parse(e.Response.Content)!["reason"], Is.EqualTo("Conflict"));
        Assert.That((long?)retried["spec"]!["weight"], Is.EqualTo(20));
    }

    [Test]
    public async Task Hang_holds_the_request_until_the_client_gives_up()
    {
        Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Hang, Verb = "list", Resource = "leases" });
        using var impatient = NewClient(TimeSpan.FromMilliseconds(300));

        Exception? caught = null;
        try
        {
            await impatient.CoordinationV1.ListNamespacedLeaseAsync("default");
        }
        catch (Exception e)
        {
            caught = e;
        }

        var after = await impatient.CoordinationV1.ListNamespacedLeaseAsync("default");

        Assert.That(caught, Is.InstanceOf<OperationCanceledException>().Or.InstanceOf<TimeoutException>().Or.InstanceOf<HttpRequestException>());
        Assert.That(after.Items, Is.Not.Null);
        Assert.That(Emulator.Faults.Pending, Is.Zero);
    }
}
