using System.Text.Json.Nodes;
using KubeEmulator.Controllers;
using KubeEmulator.Store;
using KubeEmulator.Time;
using NUnit.Framework;

namespace KubeEmulator.Tests.Controllers;

[TestFixture]
public sealed class DeploymentControllerTests
{
    private VirtualClock _clock = null!;
    private ObjectStore _store = null!;
    private DeploymentController _controller = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new VirtualClock();
        _store = new ObjectStore(_clock);
        _controller = new DeploymentController(_store, _clock, new DeploymentControllerOptions
        {
            ReadyDelay = TimeSpan.FromSeconds(10),
            NeverReadyImages = new HashSet<string> { "web:broken" },
        });
    }

    [TearDown]
    public void TearDown()
    {
        Assert.That(_controller.Failures, Is.Empty);
        _controller.Dispose();
    }

    [Test]
    public void New_deployment_becomes_ready_after_the_delay()
    {
        _store.Create(ResourceType.Deployments, "default", Deployment("web", "web:1.0", replicas: 3));

        var status = Status("web");
        Assert.That((long?)status["observedGeneration"], Is.EqualTo(1));
        Assert.That(status["readyReplicas"], Is.Null, "zero counts are omitted, as the API server does");
        Assert.That(Condition("web", "Progressing")["reason"]!.GetValue<string>(), Is.EqualTo("ReplicaSetUpdated"));
        Assert.That(Condition("web", "Available")["status"]!.GetValue<string>(), Is.EqualTo("False"));
        Assert.That(Pods("web"), Has.Count.EqualTo(3));
        Assert.That(Pods("web").All(p => !IsReady(p)));

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.That(Status("web")["readyReplicas"], Is.Null);

        _clock.Advance(TimeSpan.FromSeconds(1));
        status = Status("web");
        Assert.Multiple(() =>
        {
            Assert.That((int?)status["replicas"], Is.EqualTo(3));
            Assert.That((int?)status["updatedReplicas"], Is.EqualTo(3));
            Assert.That((int?)status["readyReplicas"], Is.EqualTo(3));
            Assert.That((int?)status["availableReplicas"], Is.EqualTo(3));
            Assert.That(Condition("web", "Available")["status"]!.GetValue<string>(), Is.EqualTo("True"));
            Assert.That(Condition("web", "Progressing")["reason"]!.GetValue<string>(), Is.EqualTo("NewReplicaSetAvailable"));
            Assert.That(Pods("web").All(IsReady));
        });
    }

    [Test]
    public void Status_write_keeps_spec_and_generation()
    {
        var created = _store.Create(ResourceType.Deployments, "default", Deployment("web", "web:1.0", replicas: 1));
        _clock.Advance(TimeSpan.FromSeconds(10));

        var now = _store.Get(ResourceType.Deployments, "default", "web")!;
        Assert.That((long?)now["metadata"]!["generation"], Is.EqualTo(1));
        Assert.That(JsonNode.DeepEquals(now["spec"], created["spec"]), Is.True);
    }

    [Test]
    public void Never_ready_image_stays_unready_and_exceeds_the_progress_deadline()
    {
        var deployment = Deployment("web", "web:broken", replicas: 2);
        deployment["spec"]!["progressDeadlineSeconds"] = 60;
        _store.Create(ResourceType.Deployments, "default", deployment);

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(Condition("web", "Progressing")["status"]!.GetValue<string>(), Is.EqualTo("True"));
        Assert.That(Status("web")["readyReplicas"], Is.Null);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var progressing = Condition("web", "Progressing");
        Assert.Multiple(() =>
        {
            Assert.That(progressing["status"]!.GetValue<string>(), Is.EqualTo("False"));
            Assert.That(progressing["reason"]!.GetValue<string>(), Is.EqualTo("ProgressDeadlineExceeded"));
            Assert.That(Pods("web"), Has.Count.EqualTo(2));
            Assert.That(Pods("web").Any(IsReady), Is.False);
        });
    }

    [Test]
    public void Default_progress_deadline_is_600_seconds()
    {
        _store.Create(ResourceType.Deployments, "default", Deployment("web", "web:broken", replicas: 1));
        _clock.Advance(TimeSpan.FromSeconds(599));
        Assert.That(Condition("web", "Progressing")["status"]!.GetValue<string>(), Is.EqualTo("True"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(Condition("web", "Progressing")["reason"]!.GetValue<string>(), Is.EqualTo("ProgressDeadlineExceeded"));
    }

    [Test]
    public void Pods_follow_template_changes()
    {
        _store.Create(ResourceType.Deployments, "default", Deployment("web", "web:1.0", replicas: 2));
        _clock.Advance(TimeSpan.FromSeconds(10));
        var oldPods = Pods("web").Select(Name).ToList();
        var oldHash = Pods("web")[0]["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>();

        SetImage("web", "web:2.0");

        // During the rollout the old pods keep serving and the new ones are not ready yet.
        var during = Pods("web");
        Assert.That(during, Has.Count.EqualTo(4));
        Assert.That(during.Where(IsReady).Select(Name), Is.EquivalentTo(oldPods));
        Assert.That((long?)Status("web")["observedGeneration"], Is.EqualTo(2));
        Assert.That((int?)Status("web")["updatedReplicas"], Is.EqualTo(2), "new pods count as updated before they are ready");
        Assert.That((int?)Status("web")["readyReplicas"], Is.EqualTo(2));
        Assert.That((int?)Status("web")["replicas"], Is.EqualTo(4));
        Assert.That(Condition("web", "Progressing")["reason"]!.GetValue<string>(), Is.EqualTo("ReplicaSetUpdated"));

        _clock.Advance(TimeSpan.FromSeconds(10));
        var after = Pods("web");
        Assert.Multiple(() =>
        {
            Assert.That(after, Has.Count.EqualTo(2));
            Assert.That(after.Select(Name), Has.None.AnyOf(oldPods.ToArray()));
            Assert.That(after.All(IsReady));
            Assert.That(after.Select(p => p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()), Is.All.EqualTo("web:2.0"));
            Assert.That(after.Select(p => p["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>()), Is.All.Not.EqualTo(oldHash));
            Assert.That(after.Select(p => p["metadata"]!["labels"]!["app"]!.GetValue<string>()), Is.All.EqualTo("web"));
            Assert.That(after.Select(Name), Is.All.Match("^web-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$"));
            Assert.That(after.Select(p => p["status"]!["podIP"]!.GetValue<string>()), Is.All.StartsWith("127."));
            Assert.That(Condition("web", "Progressing")["reason"]!.GetValue<string>(), Is.EqualTo("NewReplicaSetAvailable"));
        });
    }

    [Test]
    public void Broken_update_keeps_the_old_pods_serving()
    {
        _store.Create(ResourceType.Deployments, "default", Deployment("web", "web:1.0", replicas: 2));
        _clock.Advance(TimeSpan.FromSeconds(10));

        SetImage("web", "web:broken");
        _clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Multiple(() =>
        {
            Assert.That(Pods("web").Count(IsReady), Is.EqualTo(2));
            Assert.That(Condition("web", "Available")["status"]!.GetValue<string>(), Is.EqualTo("True"));
            Assert.That(Condition("web", "Progressing")["reason"]!.GetValue<string>(), Is.EqualTo("ProgressDeadlineExceeded"));
        });
    }

    [Test]
    public void Scaling_is_a_spec_change()
    {
        _store.Create(ResourceType.Deployments, "default", Deployment("web", "web:1.0", replicas: 1));
        _clock.Advance(TimeSpan.FromSeconds(10));

        _store.Update(ResourceType.Deployments, "default", "web", d =>
        {
            d["spec"]!["replicas"] = 3;
            return d;
        });
        Assert.That(Pods("web"), Has.Count.EqualTo(3));
        Assert.That((int?)Status("web")["readyReplicas"], Is.EqualTo(1));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That((int?)Status("web")["readyReplicas"], Is.EqualTo(3));

        _store.Update(ResourceType.Deployments, "default", "web", d =>
        {
            d["spec"]!["replicas"] = 0;
            return d;
        });
        Assert.That(Pods("web"), Is.Empty);
        Assert.That((long?)Status("web")["observedGeneration"], Is.EqualTo(3));
    }

    [Test]
    public void Deleting_the_deployment_removes_its_pods_and_deleted_pods_are_replaced()
    {
        _store.Create(ResourceType.Deployments, "default", Deployment("web", "web:1.0", replicas: 2));
        _store.Create(ResourceType.Deployments, "default", Deployment("web-canary", "web:2.0", replicas: 1));
        _clock.Advance(TimeSpan.FromSeconds(10));

        var victim = Name(Pods("web")[0]);
        _store.Delete(ResourceType.Pods, "default", victim);
        Assert.That(Pods("web"), Has.Count.EqualTo(2));
        Assert.That(Pods("web").Select(Name), Does.Not.Contain(victim));
        Assert.That((int?)Status("web")["readyReplicas"], Is.EqualTo(1));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That((int?)Status("web")["readyReplicas"], Is.EqualTo(2));

        _store.Delete(ResourceType.Deployments, "default", "web");
        Assert.That(Pods("web"), Is.Empty);
        Assert.That(Pods("web-canary"), Has.Count.EqualTo(1));
    }

    internal static JsonObject Deployment(string name, string image, int replicas, string? app = null) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app ?? name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app ?? name } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = image }),
                },
            },
        },
    };

    private static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    private static bool IsReady(JsonObject pod) =>
        pod["status"]!["conditions"]!.AsArray().Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True");

    private void SetImage(string name, string image) =>
        _store.Update(ResourceType.Deployments, "default", name, d =>
        {
            d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;
            return d;
        });

    private JsonObject Status(string name) => (JsonObject)_store.Get(ResourceType.Deployments, "default", name)!["status"]!;

    private JsonObject Condition(string name, string type) =>
        (JsonObject)Status(name)["conditions"]!.AsArray().Single(c => (string?)c!["type"] == type)!;

    private List<JsonObject> Pods(string app) =>
        _store.List(ResourceType.Pods, "default").Where(p => (string?)p["metadata"]!["labels"]!["app"] == app).ToList();
}
