using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>The state lives in the cluster: step runs, runs that die, and runs with a new revision continue from it.</summary>
public sealed class RolloutEngineResumeTests
{
    private static readonly string[] FullPath =
    [
        "CanaryDeploying:0", "Progressing:10", "Progressing:30", "Progressing:60", "Promoting:60", "Finalizing:0", "Succeeded:0",
    ];

    [TestCase(MappingDialect.V3Alpha1)]
    [TestCase(MappingDialect.Annotation)]
    public async Task Step_runs_reach_the_same_end_as_one_rollout_run(MappingDialect dialect)
    {
        await using var cluster = await EngineCluster.StartAsync(dialect == MappingDialect.Annotation ? KubeEmulator.AmbassadorCrdSet.None : KubeEmulator.AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(dialect);
        var spec = EngineCluster.Spec();
        var outcomes = new List<RolloutOutcome>();
        for (var run = 0; run < 60 && outcomes.LastOrDefault()?.Phase.IsTerminal() != true; run++)
        {
            // Every scheduled run is a new process: a new engine with its own run id.
            outcomes.Add(await cluster.Engine(spec, runId: $"scheduled-{run}").RunAsync(RunMode.Step, CancellationToken.None));
            cluster.Clock.Advance(TimeSpan.FromSeconds(15));
        }

        var last = outcomes[^1];
        Assert.Multiple(() =>
        {
            Assert.That(last.Phase, Is.EqualTo(RolloutPhase.Succeeded), last.Message);
            Assert.That(last.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(outcomes.Select(o => o.ExitCode), Is.All.EqualTo(ExitCodes.Success));
            Assert.That(last.History.Select(h => $"{h.To}:{h.Weight}"), Is.EqualTo(FullPath));
            Assert.That(outcomes.Count(o => o.LastDecision?.IsTransition == true), Is.EqualTo(FullPath.Length), "one transition per step run at most");
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:2"));
            Assert.That(cluster.Deployment("web-canary"), Is.Null);
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
    }

    public static IEnumerable<int> TransitionIndexes() => Enumerable.Range(1, FullPath.Length);

    [TestCaseSource(nameof(TransitionIndexes))]
    public async Task A_run_killed_after_any_transition_is_continued_by_a_fresh_engine(int killedAfter)
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        var spec = EngineCluster.Spec();
        using var killSwitch = new KillSwitch(cluster.Emulator.Store, killedAfter);
        using var doomedClient = EngineCluster.NewClient(cluster.Emulator, killSwitch);

        var dying = await cluster.Engine(spec, runId: "doomed", client: doomedClient).RunAsync(RunMode.Rollout, CancellationToken.None);
        var persisted = cluster.State()!;

        Assert.That(persisted.History, Has.Count.EqualTo(killedAfter));
        Assert.That(killSwitch.Dead, Is.True);
        Assert.That(dying.ExitCode, Is.EqualTo(killedAfter < FullPath.Length ? ExitCodes.InfrastructureError : ExitCodes.Success), dying.Message);
        {
            var blocked = await cluster.Engine(spec, runId: "too-early").RunAsync(RunMode.Rollout, CancellationToken.None);
            Assert.That(blocked.ExitCode, Is.EqualTo(ExitCodes.InfrastructureError));
            Assert.That(blocked.Message, Does.Contain("held by 'doomed'"));
            cluster.Clock.Advance(spec.LockDuration);
        }

        var resumed = await cluster.Engine(spec, runId: "fresh").RunAsync(RunMode.Rollout, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(resumed.Phase, Is.EqualTo(RolloutPhase.Succeeded), resumed.Message);
            Assert.That(resumed.Revision, Is.EqualTo(persisted.Revision));
            Assert.That(cluster.State()!.StartedAt, Is.EqualTo(persisted.StartedAt), "the same rollout, not a new one");
            Assert.That(cluster.State()!.History.Select(h => $"{h.To}:{h.Weight}"), Is.EqualTo(FullPath), "each transition exactly once");
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:2"));
            Assert.That(cluster.Deployment("web-canary"), Is.Null);
            Assert.That(cluster.Mapping("web-canary"), Is.Null);
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
    }

    [Test]
    public async Task A_new_revision_rolls_the_old_canary_back_first_then_starts()
    {
        await using var cluster = await EngineCluster.StartAsync();
        await cluster.SeedAsync(MappingDialect.V2);
        for (var run = 0; run < 10 && cluster.State()?.Weight != 30; run++)
        {
            await cluster.Engine(EngineCluster.Spec("web:2")).RunAsync(RunMode.Step, CancellationToken.None);
            cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        var old = cluster.State()!;
        Assert.That(old.Weight, Is.EqualTo(30));
        cluster.Emulator.Requests.Clear();

        var outcome = await cluster.Engine(EngineCluster.Spec("web:3")).RunAsync(RunMode.Rollout, CancellationToken.None);

        // A create is a POST to the collection: the request log has no name for it.
        var deploymentWrites = cluster.Emulator.Requests.Writes().Where(r => r.Resource == "deployments").Select(r => $"{r.Verb} {r.Name}".Trim()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.Succeeded), outcome.Message);
            Assert.That(outcome.Revision, Is.Not.EqualTo(old.Revision));
            Assert.That(outcome.Revision, Is.EqualTo(RolloutRevision.Of(new Dictionary<string, string> { ["web"] = "web:3" })));
            Assert.That(outcome.History.Select(h => $"{h.To}:{h.Weight}"), Is.EqualTo(FullPath), "the new revision's own history");
            Assert.That(deploymentWrites, Is.EqualTo(new[] { "delete web-canary", "create", "update web", "delete web-canary" }),
                "old canary removed, new one created, primary promoted in place, canary removed");
            Assert.That(cluster.Events().Where(e => e.Reason == "CanaryRollingBack").Select(e => e.Message), Has.Some.Contains("superseded by revision"));
            Assert.That(cluster.Deployment("web")!.Spec.Template.Spec.Containers[0].Image, Is.EqualTo("web:3"));
            Assert.That(cluster.Safety.Violations, Is.Empty);
        });
    }
}
