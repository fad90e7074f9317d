using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using k8s;
using k8s.Models;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>The lock, the manual commands, pauses for the next run, cancellation, status and plan.</summary>
public sealed class RolloutEngineCommandTests
{
    [Test]
    public async Task A_lock_held_by_another_run_stops_this_one_with_nothing_written()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var now = cluster.Clock.GetUtcNow().UtcDateTime;
        await cluster.Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "web-canary-lock" },
            Spec = new V1LeaseSpec { HolderIdentity = "other-run", LeaseDurationSeconds = 120, AcquireTime = now, RenewTime = now },
        }, EngineCluster.Ns);
        cluster.Emulator.Requests.Clear();

        var blocked = await cluster.Engine(EngineCluster.Spec()).RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(blocked.ExitCode, Is.EqualTo(ExitCodes.InfrastructureError));
            Assert.That(blocked.Message, Does.Contain("Lease prod/web-canary-lock is held by 'other-run' until 2026-01-01T12:03:00Z"));
            Assert.That(cluster.Emulator.Requests.Writes(), Is.Empty);
        });

        cluster.Clock.Advance(TimeSpan.FromSeconds(121));
        var after = await cluster.Engine(EngineCluster.Spec(), runId: "next").RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.That(after.Phase, Is.EqualTo(RolloutPhase.Succeeded), after.Message);
        Assert.That(await LeaseExistsAsync(cluster), Is.False, "the lock is released at the end of a run");
    }

    [Test]
    public async Task Manual_promotion_waits_for_the_promote_command()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var spec = EngineCluster.Spec() with { Promotion = PromotionMode.Manual };

        var waiting = await cluster.Engine(spec, runId: "pipeline").RunAsync(RunMode.Rollout, CancellationToken.None);
        cluster.Clock.Advance(TimeSpan.FromMinutes(5));
        var stillWaiting = await cluster.Engine(spec, runId: "scheduled").RunAsync(RunMode.Step, CancellationToken.None);
        var promoted = await cluster.Engine(spec, runId: "human").PromoteAsync(CancellationToken.None);
        var again = await cluster.Engine(spec, runId: "human-again").PromoteAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(waiting.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(waiting.Phase, Is.EqualTo(RolloutPhase.Paused));
            Assert.That(waiting.Weight, Is.EqualTo(60));
            Assert.That(waiting.Message, Does.Contain("waiting for a promote command"));
            Assert.That(stillWaiting.Phase, Is.EqualTo(RolloutPhase.Paused));
            Assert.That(promoted.Phase, Is.EqualTo(RolloutPhase.Succeeded), promoted.Message);
            Assert.That(promoted.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:2"));
            Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(again.Message, Does.Contain("already Succeeded"));
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
    }

    [Test]
    public async Task Manual_rollback_removes_the_canary_and_leaves_the_primary_alone()
    {
        await using var cluster = await EngineCluster.StartAsync(KubeEmulator.AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        var spec = EngineCluster.Spec();
        for (var run = 0; run < 6 && cluster.State()?.Weight != 10; run++)
        {
            await cluster.Engine(spec).RunAsync(RunMode.Step, CancellationToken.None);
            cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.That(cluster.State()!.Weight, Is.EqualTo(10));
        cluster.Emulator.Requests.Clear();

        var outcome = await cluster.Engine(spec).RollbackAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack), outcome.Message);
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack));
            Assert.That(outcome.History[^2].Reason, Does.Contain("rollback requested"));
            Assert.That(cluster.Emulator.Requests.WritesTo("deployments", "web"), Is.Empty);
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:1"));
            Assert.That(cluster.Deployment("web-canary"), Is.Null);
            Assert.That(cluster.Mapping("web-canary", "v3alpha1"), Is.Null);
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
    }

    [Test]
    public async Task A_pause_until_the_next_run_ends_the_run_and_the_next_run_continues()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var spec = EngineCluster.Spec("web:2", new WeightStep(20), new PauseStep(null), new WeightStep(50));

        var first = await cluster.Engine(spec, runId: "monday").RunAsync(RunMode.Rollout, CancellationToken.None);
        var sameRun = await cluster.Engine(spec, runId: "monday").RunAsync(RunMode.Rollout, CancellationToken.None);
        cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        var next = await cluster.Engine(spec, runId: "tuesday").RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Phase, Is.EqualTo(RolloutPhase.Paused));
            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(first.Weight, Is.EqualTo(20));
            Assert.That(sameRun.Phase, Is.EqualTo(RolloutPhase.Paused), "the run that paused does not resume itself");
            Assert.That(next.Phase, Is.EqualTo(RolloutPhase.Succeeded), next.Message);
            Assert.That(next.History.Select(h => $"{h.To}:{h.Weight}"), Is.EqualTo(new[]
            {
                "CanaryDeploying:0", "Progressing:20", "Paused:20", "Progressing:50", "Promoting:50", "Finalizing:0", "Succeeded:0",
            }));
        });
    }

    [TestCase(CancelBehaviour.Rollback, RolloutPhase.RollingBack, 0)]
    [TestCase(CancelBehaviour.Leave, RolloutPhase.Progressing, 30)]
    public async Task Cancellation_sets_the_weight_per_spec_and_persists_the_state(CancelBehaviour onCancel, RolloutPhase phase, int weight)
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var spec = EngineCluster.Spec() with { OnCancel = onCancel };
        using var cancel = new CancellationTokenSource();
        var pacer = new CancellingPacer(cluster, cancel, whenWeight: 30);

        var outcome = await cluster.Engine(spec, pacer: pacer).RunAsync(RunMode.Rollout, cancel.Token);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Cancelled, Is.True);
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack));
            Assert.That(outcome.Phase, Is.EqualTo(phase));
            Assert.That(cluster.State()!.Phase, Is.EqualTo(phase));
            Assert.That((int?)cluster.Mapping("web-canary")!["spec"]!["weight"], Is.EqualTo(weight));
        });

        cluster.Clock.Advance(spec.LockDuration);
        var next = await cluster.Engine(spec, runId: "next").RunAsync(RunMode.Rollout, CancellationToken.None);
        Assert.That(next.Phase, Is.EqualTo(onCancel == CancelBehaviour.Rollback ? RolloutPhase.RolledBack : RolloutPhase.Succeeded), next.Message);
        Assert.That(cluster.Safety.Violations, Is.Empty);
    }

    [Test]
    public async Task Cancellation_while_promoting_takes_the_canary_weight_away_and_the_next_run_finishes_the_promotion()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var spec = EngineCluster.Spec() with { OnCancel = CancelBehaviour.Rollback };
        using var cancel = new CancellationTokenSource();
        var pacer = new CancellingPacer(cluster, cancel, whenPhase: RolloutPhase.Promoting);

        var outcome = await cluster.Engine(spec, pacer: pacer).RunAsync(RunMode.Rollout, cancel.Token);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Cancelled, Is.True);
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack));
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.Promoting));
            Assert.That(cluster.State()!.Phase, Is.EqualTo(RolloutPhase.Promoting));
            Assert.That(cluster.State()!.Weight, Is.Zero);
            Assert.That((int?)cluster.Mapping("web-canary")!["spec"]!["weight"], Is.Zero);
        });

        cluster.Clock.Advance(spec.LockDuration);
        var next = await cluster.Engine(spec, runId: "next").RunAsync(RunMode.Rollout, CancellationToken.None);
        Assert.That(next.Phase, Is.EqualTo(RolloutPhase.Succeeded), next.Message);
        Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:2"));
        Assert.That(cluster.Safety.Violations, Is.Empty);
    }

    [Test]
    public async Task Status_reports_the_persisted_state_and_the_live_cluster()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var engine = cluster.Engine(EngineCluster.Spec());

        var before = await engine.GetStatusAsync(CancellationToken.None);
        for (var run = 0; run < 6 && cluster.State()?.Weight != 10; run++)
        {
            await engine.RunAsync(RunMode.Step, CancellationToken.None);
            cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        cluster.Emulator.Requests.Clear();
        var during = await engine.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(before.State, Is.Null);
            Assert.That(before.RouteWeight, Is.Null);
            Assert.That(before.Dialect, Is.EqualTo(MappingDialect.V2));
            Assert.That(during.State!.Phase, Is.EqualTo(RolloutPhase.Progressing));
            Assert.That(during.RouteWeight, Is.EqualTo(10));
            Assert.That(during.Canary, Is.EqualTo(WorkloadHealth.Ready));
            Assert.That(during.PrimaryMapping, Is.EqualTo("prod/web"));
            Assert.That(cluster.Emulator.Requests.Writes(), Is.Empty);
        });
    }

    [TestCase(KubeEmulator.AmbassadorCrdSet.Emissary3, MappingDialect.V1, "v1")]
    [TestCase(KubeEmulator.AmbassadorCrdSet.Emissary4, MappingDialect.V3Alpha1, "v3alpha1")]
    [TestCase(KubeEmulator.AmbassadorCrdSet.None, MappingDialect.Annotation, null)]
    public async Task Plan_lists_the_objects_in_write_order_and_writes_nothing(KubeEmulator.AmbassadorCrdSet crds, MappingDialect dialect, string? version)
    {
        await using var cluster = await EngineCluster.StartAsync(crds);
        await cluster.SeedAsync(dialect);
        var spec = EngineCluster.Spec() with { Route = new RouteSpec { Mapping = "web", Dialect = dialect } };
        cluster.Emulator.Requests.Clear();

        var plan = await cluster.Engine(spec).PlanAsync(CancellationToken.None);

        var kinds = plan.Objects.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}").ToList();
        Assert.That(cluster.Emulator.Requests.Writes(), Is.Empty);
        if (version is null)
        {
            Assert.That(kinds, Is.EqualTo(new[] { "Deployment/web-canary", "Service/web-canary", "Service/web" }));
            Assert.That((string?)plan.Objects[1]["metadata"]!["annotations"]!["getambassador.io/config"], Does.Contain("weight: 10"));
            return;
        }

        Assert.That(kinds, Is.EqualTo(new[] { "Deployment/web-canary", "Service/web-canary", "Mapping/web", "Mapping/web-canary", "Mapping/web-canary-header" }));
        foreach (var mapping in plan.Objects.Where(o => (string?)o["kind"] == "Mapping"))
        {
            Assert.That((string?)mapping["apiVersion"], Is.EqualTo($"getambassador.io/{version}"));
            Routing.GoldenFiles.AssertValidMapping(mapping);
        }
    }

    private static async Task<bool> LeaseExistsAsync(EngineCluster cluster)
    {
        try
        {
            await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("web-canary-lock", EngineCluster.Ns);
            return true;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Moves the virtual clock like the sandbox does, and cancels the run once the state reaches a weight.</summary>
    private sealed class CancellingPacer(EngineCluster cluster, CancellationTokenSource cancel, int? whenWeight = null, RolloutPhase? whenPhase = null) : IRolloutPacer
    {
        public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            var state = cluster.State();
            if ((whenWeight is not null && state?.Weight == whenWeight) || (whenPhase is not null && state?.Phase == whenPhase))
            {
                cancel.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            cluster.Clock.Advance(delay);
            return Task.CompletedTask;
        }
    }
}
