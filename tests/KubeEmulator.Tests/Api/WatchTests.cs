using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

/// <summary>
/// KubernetesClient.Aot has no Watch helper. Its ...WithHttpMessagesAsync(watch: true) wraps the response in the client's
/// internal LineSeparatedHttpContent: loading it waits for the first line, and the following lines are only reachable
/// through its StreamReader property, which the full client's Watch helper reads. Tests reach it by reflection
/// (they are not AOT-compiled); each line is one WatchEvent.
/// </summary>
public sealed class WatchTests : EmulatorFixture
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() => new() { CrdDirectory = CrdDir, Time = _time };

    [Test]
    public async Task Watch_starts_with_existing_objects_then_streams_changes_matching_the_selector()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("before"), ns);
        var response = await Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, labelSelector: "app=web");
        using var watch = await Open(response, response.Response.Content);

        var first = await watch.Next();
        var other = ConfigMap("other");
        other.Metadata.Labels["app"] = "db";
        await Client.CoreV1.CreateNamespacedConfigMapAsync(other, ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("after"), ns);
        var added = await watch.Next();
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"9"}}""", V1Patch.PatchType.MergePatch), "after", ns);
        var modified = await watch.Next();
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("after", ns);
        var deleted = await watch.Next();

        Assert.That(Describe(first), Is.EqualTo("ADDED before"));
        Assert.That(Describe(added), Is.EqualTo("ADDED after"), "the app=db object is filtered out");
        Assert.That(Describe(modified), Is.EqualTo("MODIFIED after"));
        Assert.That((string?)modified["object"]!["data"]!["key"], Is.EqualTo("9"));
        Assert.That((string?)modified["object"]!["kind"], Is.EqualTo("ConfigMap"));
        Assert.That(Describe(deleted), Is.EqualTo("DELETED after"));
    }

    [Test]
    public async Task Objects_entering_or_leaving_the_selector_are_ADDED_or_DELETED()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("moving"), ns);
        var response = await Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, labelSelector: "app=web");
        using var watch = await Open(response, response.Response.Content);

        var first = await watch.Next();
        await Relabel("db");
        var left = await watch.Next();
        await Relabel("web");
        var entered = await watch.Next();

        Assert.That(Describe(first), Is.EqualTo("ADDED moving"));
        Assert.That(Describe(left), Is.EqualTo("DELETED moving"));
        Assert.That(Describe(entered), Is.EqualTo("ADDED moving"));

        Task Relabel(string app) => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } } }.ToJsonString(), V1Patch.PatchType.MergePatch), "moving", ns);
    }

    [Test]
    public async Task Watch_from_a_resource_version_replays_what_happened_after_it()
    {
        var ns = await NewNamespace();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), ns);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"key":"2"}}""", V1Patch.PatchType.MergePatch), "cm", ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm2"), ns);

        var response = await Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, resourceVersion: created.Metadata.ResourceVersion);
        using var watch = await Open(response, response.Response.Content);

        Assert.That(Describe(await watch.Next()), Is.EqualTo("MODIFIED cm"));
        Assert.That(Describe(await watch.Next()), Is.EqualTo("ADDED cm2"));
    }

    [Test]
    public async Task A_resource_version_older_than_the_history_gets_a_410_Expired_event()
    {
        var response = await Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("default", watch: true, resourceVersion: "1");
        using var watch = await Open(response, response.Response.Content);

        var error = await watch.Next();

        Assert.That((string?)error["type"], Is.EqualTo("ERROR"));
        Assert.That((int?)error["object"]!["code"], Is.EqualTo(410));
        Assert.That((string?)error["object"]!["reason"], Is.EqualTo("Expired"));
    }

    [Test]
    public async Task Mapping_watch_shows_objects_in_the_watched_version()
    {
        var ns = await NewNamespace();
        var mapping = Mapping("v2", "m");
        mapping["spec"]!["host"] = "a.example.com";
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(mapping, "getambassador.io", "v2", ns, "mappings");

        var response = await Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync("getambassador.io", "v3alpha1", ns, "mappings", watch: true);
        using var watch = await Open(response, response.Response.Content);
        var added = await watch.Next();

        Assert.That((string?)added["object"]!["apiVersion"], Is.EqualTo("getambassador.io/v3alpha1"));
        Assert.That((string?)added["object"]!["spec"]!["hostname"], Is.EqualTo("a.example.com"));
    }

    [Test]
    public async Task Watch_ends_after_timeoutSeconds_of_emulator_time()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("only"), ns);
        var response = await Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, timeoutSeconds: 30);
        using var watch = await Open(response, response.Response.Content);
        var first = await watch.Next();
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.That(Describe(first), Is.EqualTo("ADDED only"));
        Assert.That(await watch.NextLine(), Is.Null);
    }

    private static string Describe(JsonNode e) => $"{(string?)e["type"]} {(string?)e["object"]!["metadata"]!["name"]}";

    private static async Task<EventReader> Open(IDisposable response, HttpContent content)
    {
        await content.LoadIntoBufferAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var reader = (TextReader)content.GetType().GetProperty("StreamReader")!.GetValue(content)!;
        return new EventReader(response, reader);
    }

    private async Task<string> NewNamespace()
    {
        var name = Unique("watch");
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private sealed class EventReader(IDisposable response, TextReader reader) : IDisposable
    {
        // The wait bound only stops a broken emulator from hanging the run; nothing is timed.
        public async Task<string?> NextLine() => await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));

        public async Task<JsonNode> Next() => JsonNode.Parse(await NextLine() ?? throw new EndOfStreamException("watch ended"))!;

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
