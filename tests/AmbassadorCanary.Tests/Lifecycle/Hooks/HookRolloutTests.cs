using System.Text.Json.Nodes;
using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using k8s;
using KubeEmulator.Store;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Lifecycle.Hooks;

/// <summary>
/// Lifecycle webhooks in whole rollouts: the engine through the real KubernetesClient against the emulator on a
/// VirtualClock, the hooks answered by a loopback Kestrel server.
/// </summary>
public sealed class HookRolloutTests
{
    private static RolloutSpec SpecWith(LoopbackHttpServer hooks, RolloutSpec spec, params (string Name, WebhookKind Kind)[] webhooks) => spec with
    {
        Analysis = spec.Analysis with
        {
            Webhooks = [.. webhooks.Select(w => new WebhookSpec
            {
                Name = w.Name,
                Kind = w.Kind,
                Url = hooks.Url($"/{w.Name}"),
                Retries = 0,
                Metadata = new Dictionary<string, string> { ["suite"] = w.Name },
            })],
        },
    };

    private static RolloutEngine Engine(EngineCluster cluster, RolloutSpec spec, HttpClient http, string? runId = null) =>
        new(cluster.Client, spec, new ReadinessOnlyAnalysis(), new VirtualClockPacer(cluster.Clock), cluster.Clock, NullLoggerFactory.Instance, runId,
            new WebhookRunner(http, cluster.Clock, retryDelay: TimeSpan.Zero));

    private static IReadOnlyList<RecordedRequest> To(LoopbackHttpServer server, string name) => [.. server.Requests.Where(r => r.Path == $"/{name}")];

    [Test]
    public async Task The_gate_holds_the_last_weight_until_it_answers_2xx_then_promotes()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        await using var hooks = await LoopbackHttpServer.StartAsync();
        using var http = new HttpClient();
        int[] answers = [403, 500, 403, 200];
        var seenAtCall = new List<string>();
        hooks.Respond((_, i) =>
        {
            // What the cluster shows while the gate is asked: the canary's weight and the primary's image.
            var weight = (int?)cluster.Mapping("web-canary")?["spec"]?["weight"];
            seenAtCall.Add($"{weight}:{cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image}");
            return new CannedResponse(answers[Math.Min(i, answers.Length - 1)], i < 3 ? "not yet" : "ok");
        });
        var spec = SpecWith(hooks, EngineCluster.Spec(), ("approval", WebhookKind.ConfirmPromotion));

        var outcome = await Engine(cluster, spec, http).RunAsync(RunMode.Rollout, CancellationToken.None);

        var state = cluster.State()!;
        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Success), outcome.Message);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.Succeeded));
            Assert.That(To(hooks, "approval"), Has.Count.EqualTo(4), "asked once per tick until it answered 2xx");
            Assert.That(seenAtCall, Is.EqualTo(Enumerable.Repeat("60:web:1", 4)), "held at the last weight, primary not promoted");
            Assert.That(outcome.History.Select(h => $"{h.To}:{h.Weight}"), Is.EqualTo(new[]
            {
                "CanaryDeploying:0", "Progressing:10", "Progressing:30", "Progressing:60", "Progressing:60", "Promoting:60", "Finalizing:0", "Succeeded:0",
            }));
            Assert.That(outcome.History[4].Reason, Does.Contain("waiting for the confirm-promotion gate").And.Contain("answered 403"));
            Assert.That(state.Hooks.Select(h => $"{h.Hook}:{h.StatusCode}"), Is.EqualTo(new[]
            {
                "confirm-promotion:403", "confirm-promotion:500", "confirm-promotion:403", "confirm-promotion:200",
            }));
            Assert.That(state.AwaitingGateSince, Is.Null);
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:2"));
            Assert.That(cluster.Safety.MaxWeight, Is.EqualTo(60));
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
        var body = JsonNode.Parse(To(hooks, "approval")[0].Body)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)body["hook"], Is.EqualTo("confirm-promotion"));
            Assert.That((string?)body["phase"], Is.EqualTo("Progressing"));
            Assert.That((int?)body["weight"], Is.EqualTo(60));
        });
    }

    [Test]
    public async Task A_canary_that_turns_unready_while_the_gate_is_asked_is_rolled_back_not_promoted()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        await using var hooks = await LoopbackHttpServer.StartAsync();
        using var http = new HttpClient();
        hooks.Respond((_, _) =>
        {
            // The canary loses its pods while the approver takes its time, and then approves.
            cluster.Emulator.Store.Update(ResourceType.Deployments, EngineCluster.Ns, "web-canary", d =>
            {
                d["status"]!["availableReplicas"] = 0;
                return d;
            }, statusOnly: true);
            return new CannedResponse(200, "ok");
        });
        var spec = SpecWith(hooks, EngineCluster.Spec(), ("approval", WebhookKind.ConfirmPromotion));

        var outcome = await Engine(cluster, spec, http).RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack), outcome.Message);
            Assert.That(To(hooks, "approval"), Has.Count.EqualTo(1));
            Assert.That(outcome.History.Select(h => h.To), Does.Not.Contain(RolloutPhase.Promoting));
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:1"), "the primary is not promoted");
            Assert.That(cluster.Mapping("web-canary"), Is.Null);
        });
    }

    [Test]
    public async Task The_gate_survives_step_runs_each_run_asking_once_the_step_is_due()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        await using var hooks = await LoopbackHttpServer.StartAsync();
        using var http = new HttpClient();
        hooks.AnswerInOrder(new CannedResponse(403), new CannedResponse(403), new CannedResponse(204));
        var spec = SpecWith(hooks, EngineCluster.Spec(), ("approval", WebhookKind.ConfirmPromotion));

        RolloutOutcome? outcome = null;
        for (var run = 0; run < 40 && outcome?.Phase is not RolloutPhase.Succeeded; run++)
        {
            outcome = await Engine(cluster, spec, http, $"run-{run}").RunAsync(RunMode.Step, CancellationToken.None);
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Success), outcome.Message);
            cluster.Clock.Advance(outcome.LastDecision?.Wait?.Duration ?? TimeSpan.FromSeconds(5));
        }

        Assert.Multiple(() =>
        {
            Assert.That(outcome!.Phase, Is.EqualTo(RolloutPhase.Succeeded));
            Assert.That(To(hooks, "approval"), Has.Count.EqualTo(3));
            Assert.That(cluster.State()!.Hooks.Select(h => h.StatusCode), Is.EqualTo(new int?[] { 403, 403, 204 }));
            Assert.That(cluster.Safety.MaxWeight, Is.EqualTo(60));
        });
    }

    [Test]
    public async Task A_failing_analysis_still_rolls_back_while_the_gate_is_closed()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        await using var hooks = await LoopbackHttpServer.StartAsync();
        using var http = new HttpClient();

        // The step webhook (a per-tick check) passes until the gate has been asked once, then fails.
        hooks.Respond((r, _) => new CannedResponse(r.Path switch
        {
            "/approval" => 403,
            "/health" => To(hooks, "approval").Count == 0 ? 200 : 500,
            _ => 200,
        }));
        var spec = SpecWith(hooks, EngineCluster.Spec() with { FailureLimit = 1 },
            ("approval", WebhookKind.ConfirmPromotion), ("health", WebhookKind.Step), ("cleanup", WebhookKind.Rollback));
        spec = spec with { Analysis = spec.Analysis with { Provider = MetricsProviderKind.None } };
        var runner = new WebhookRunner(http, cluster.Clock, retryDelay: TimeSpan.Zero);
        var engine = new RolloutEngine(cluster.Client, spec, AmbassadorCanary.Analysis.Providers.CanaryAnalysisFactory.Create(spec, cluster.Client, null, runner),
            new VirtualClockPacer(cluster.Clock), cluster.Clock, NullLoggerFactory.Instance, webhooks: runner);

        var outcome = await engine.RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack), outcome.Message);
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack));
            Assert.That(outcome.History.Select(h => h.To), Does.Not.Contain(RolloutPhase.Promoting));
            Assert.That(outcome.History.Select(h => h.Reason), Has.Some.Contains("waiting for the confirm-promotion gate"));
            Assert.That(outcome.History.Select(h => h.Reason), Has.Some.Contains("exceed the failure limit"));
            // Asked after the last step (health still passing) and after the next interval (one failed check, within the
            // limit of 1); the second failure exceeds the limit and rolls back without asking.
            Assert.That(To(hooks, "approval"), Has.Count.EqualTo(2));
            Assert.That(To(hooks, "cleanup"), Has.Count.EqualTo(1));
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:1"), "never promoted");
            Assert.That(cluster.Deployment("web-canary"), Is.Null);
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
    }

    [Test]
    public async Task A_failing_pre_rollout_hook_never_deploys_a_canary()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        await using var hooks = await LoopbackHttpServer.StartAsync();
        using var http = new HttpClient();
        hooks.Respond((r, _) => r.Path == "/smoke" ? new CannedResponse(500, "smoke test failed: checkout 502") : new CannedResponse(200));
        var canaryWrites = new List<string>();
        cluster.Emulator.Store.Changed += (_, c) =>
        {
            if (c.Name.StartsWith("web-canary", StringComparison.Ordinal) && c.Resource != ResourceType.ConfigMaps && c.Resource != ResourceType.Leases)
            {
                lock (canaryWrites)
                {
                    canaryWrites.Add($"{c.Type} {c.Resource} {c.Name}");
                }
            }
        };
        var spec = SpecWith(hooks, EngineCluster.Spec(), ("smoke", WebhookKind.PreRollout), ("cleanup", WebhookKind.Rollback));

        var outcome = await Engine(cluster, spec, http).RunAsync(RunMode.Rollout, CancellationToken.None);

        var state = cluster.State()!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack), outcome.Message);
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack));
            Assert.That(outcome.Message, Does.Contain("pre-rollout hook failed").And.Contain("smoke test failed: checkout 502"));
            Assert.That(canaryWrites, Is.Empty, "no canary Deployment, Service or Mapping was ever written");
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:1"));
            Assert.That(state.History.Select(h => $"{h.From}->{h.To}"), Is.EqualTo(new[] { "Initializing->RolledBack" }));
            Assert.That(state.Hooks.Select(h => $"{h.Hook}:{h.Name}:{h.Passed}"), Is.EqualTo(new[] { "pre-rollout:smoke:False", "rollback:cleanup:True" }));
            Assert.That(To(hooks, "cleanup"), Has.Count.EqualTo(1));
            Assert.That(cluster.Client.CoordinationV1.ListNamespacedLease(EngineCluster.Ns).Items, Is.Empty, "lock released");
        });
    }

    [Test]
    public async Task Pre_and_post_rollout_hooks_get_the_documented_payload_and_a_failed_post_rollout_hook_is_only_reported()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        await using var hooks = await LoopbackHttpServer.StartAsync();
        using var http = new HttpClient();
        hooks.Respond((r, _) => new CannedResponse(r.Path == "/notify" ? 503 : 200));
        var spec = SpecWith(hooks, EngineCluster.Spec(), ("smoke", WebhookKind.PreRollout), ("notify", WebhookKind.PostRollout), ("cleanup", WebhookKind.Rollback));

        var outcome = await Engine(cluster, spec, http).RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Success), outcome.Message);
        var pre = To(hooks, "smoke").Single();
        var post = To(hooks, "notify").Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.Succeeded));
            Assert.That(To(hooks, "cleanup"), Is.Empty);
            Assert.That(pre.Method, Is.EqualTo("POST"));
            Assert.That(pre.Header("Content-Type"), Does.StartWith("application/json"));
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(pre.Body), JsonNode.Parse(
                """{"name":"web","namespace":"prod","phase":"Initializing","hook":"pre-rollout","weight":0,"revision":"web=web:2","metadata":{"suite":"smoke"}}""")), pre.Body);
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(post.Body), JsonNode.Parse(
                """{"name":"web","namespace":"prod","phase":"Succeeded","hook":"post-rollout","weight":0,"revision":"web=web:2","metadata":{"suite":"notify"}}""")), post.Body);
            Assert.That(cluster.State()!.Hooks.Select(h => $"{h.Hook}:{h.StatusCode}"), Is.EqualTo(new[] { "pre-rollout:200", "post-rollout:503" }));
        });
    }

    [Test]
    public async Task Rollback_hooks_are_called_once_after_the_canary_is_removed()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        await using var hooks = await LoopbackHttpServer.StartAsync();
        using var http = new HttpClient();
        var canaryGoneAtCall = new List<bool>();
        hooks.Respond((_, _) =>
        {
            canaryGoneAtCall.Add(cluster.Deployment("web-canary") is null && cluster.Mapping("web-canary") is null);
            return new CannedResponse(200);
        });
        var spec = SpecWith(hooks, EngineCluster.Spec(EngineCluster.BadImage), ("notify", WebhookKind.PostRollout), ("cleanup", WebhookKind.Rollback));

        var outcome = await Engine(cluster, spec, http).RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack), outcome.Message);
        var call = To(hooks, "cleanup").Single();
        Assert.Multiple(() =>
        {
            Assert.That(To(hooks, "notify"), Is.Empty);
            Assert.That(canaryGoneAtCall, Is.EqualTo(new[] { true }));
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(call.Body), JsonNode.Parse(
                $$$"""{"name":"web","namespace":"prod","phase":"RolledBack","hook":"rollback","weight":0,"revision":"web={{{EngineCluster.BadImage}}}","metadata":{"suite":"cleanup"}}""")), call.Body);
        });
    }
}
