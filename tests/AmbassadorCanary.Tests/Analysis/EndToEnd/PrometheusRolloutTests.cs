using AmbassadorCanary.Analysis;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Tests.Fixtures;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.EndToEnd;

/// <summary>
/// Issue 5 part 5: whole rollouts judged by the real Prometheus (Debian's package) scraping the simulated Emissary
/// every second, on the real clock with 3 s steps. Each test is bounded (90 s) by a cancellation token that only guards
/// against hangs; nothing waits a fixed time and nothing asserts on durations.
/// </summary>
[NonParallelizable]
public sealed class PrometheusRolloutTests
{
    private const double RequestsPerSecond = 400;

    [Test]
    public async Task A_healthy_canary_is_promoted()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var cluster = await PrometheusRolloutCluster.StartAsync(RequestsPerSecond, bound.Token);
        using var http = new HttpClient();
        var spec = cluster.Spec("web:2", failureLimit: 1, noDataLimit: 2);

        var outcome = await cluster.Engine(spec, http).RunAsync(RunMode.Rollout, bound.Token);

        var state = outcome.State!;
        await Report(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.Succeeded), outcome.Message);
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(outcome.Cancelled, Is.False);
            Assert.That(cluster.PrimaryImage(), Is.EqualTo("web:2"));
            Assert.That(cluster.CanaryDeploymentExists(), Is.False);
            Assert.That(state.Analysis.SelectMany(a => a.Checks).Where(c => c.Name == "success-rate").Select(c => c.Outcome), Has.Some.EqualTo(CheckOutcome.Pass),
                "Prometheus delivered canary data");
            Assert.That(state.Analysis.SelectMany(a => a.Checks).Select(c => c.Outcome), Has.None.EqualTo(CheckOutcome.Fail));
        });
    }

    [Test]
    public async Task A_canary_answering_10_percent_5xx_is_rolled_back()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var cluster = await PrometheusRolloutCluster.StartAsync(RequestsPerSecond, bound.Token);
        using var http = new HttpClient();
        var spec = cluster.Spec(PrometheusRolloutCluster.FaultyImage, failureLimit: 1, noDataLimit: 2);

        var outcome = await cluster.Engine(spec, http).RunAsync(RunMode.Rollout, bound.Token);

        var checks = outcome.State!.Analysis.SelectMany(a => a.Checks).ToList();
        await Report(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack), outcome.Message);
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack));
            Assert.That(outcome.Cancelled, Is.False);
            Assert.That(outcome.History.Select(h => h.To), Does.Not.Contain(RolloutPhase.Promoting));
            Assert.That(cluster.PrimaryImage(), Is.EqualTo("web:1"));
            Assert.That(cluster.CanaryDeploymentExists(), Is.False);
            Assert.That(checks.Where(c => c.Name == "success-rate" && c.Outcome == CheckOutcome.Fail).Select(c => c.Value), Is.Not.Empty.And.All.InRange(80.0, 97.0),
                "the failed success-rate checks saw about 90 %");
        });
    }

    [Test]
    public async Task Prometheus_stopped_mid_rollout_gives_no_data_and_a_rollback_never_a_promotion()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var cluster = await PrometheusRolloutCluster.StartAsync(RequestsPerSecond, bound.Token);
        using var http = new HttpClient();
        var spec = cluster.Spec("web:2", failureLimit: 0, noDataLimit: 1);
        var pacer = new StopPrometheusPacer(cluster.Prometheus);
        var engine = cluster.Engine(spec, http, pacer);
        engine.Transitioned += (_, d) =>
        {
            if (d.Next is { Phase: RolloutPhase.Progressing, Weight: 20 })
            {
                pacer.StopBeforeNextWait = true;
            }
        };

        var outcome = await engine.RunAsync(RunMode.Rollout, bound.Token);

        var records = outcome.State!.Analysis;
        await Report(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(pacer.Stopped, Is.True, "Prometheus was stopped mid-rollout");
            Assert.That(cluster.Prometheus.Running, Is.False);
            Assert.That(outcome.Phase, Is.EqualTo(RolloutPhase.RolledBack), outcome.Message);
            Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.RolledBack));
            Assert.That(outcome.History.Select(h => h.To), Does.Not.Contain(RolloutPhase.Promoting));
            Assert.That(outcome.History.Last(h => h.To == RolloutPhase.RollingBack).Reason, Does.Contain("failure limit"));
            Assert.That(cluster.PrimaryImage(), Is.EqualTo("web:1"));
            Assert.That(cluster.CanaryDeploymentExists(), Is.False);
            Assert.That(records[^1].Checks.Select(c => c.Outcome), Is.All.EqualTo(CheckOutcome.NoData), "the last analysis had no data");
            Assert.That(records[^1].Checks.Select(c => c.Detail), Has.Some.Contain(cluster.Prometheus.Url.Authority), "because Prometheus did not answer");
            Assert.That(records.Where(r => r.Weight >= 20).SelectMany(r => r.Checks).Select(c => c.Outcome), Has.None.EqualTo(CheckOutcome.Pass),
                "nothing passed once Prometheus was gone");
        });
    }

    private static Task Report(RolloutOutcome outcome) => TestContext.Out.WriteLineAsync(string.Join(Environment.NewLine,
        outcome.State!.Analysis.Select(a => $"step {a.Step} weight {a.Weight} {a.Verdict}: "
            + string.Join(", ", a.Checks.Select(c => $"{c.Name} {c.Outcome} {c.Value:0.##} {c.Detail}"))).Append($"=> {outcome.Phase}: {outcome.Message}")));

    /// <summary>Waits on the system clock; once asked, stops Prometheus (awaited) before the next wait begins.</summary>
    private sealed class StopPrometheusPacer(PrometheusServer prometheus) : IRolloutPacer
    {
        private readonly TimeProviderPacer _inner = new(TimeProvider.System);

        public volatile bool StopBeforeNextWait;

        public bool Stopped { get; private set; }

        public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            if (StopBeforeNextWait && !Stopped)
            {
                await prometheus.StopAsync();
                Stopped = true;
            }

            await _inner.WaitAsync(delay, cancellationToken);
        }
    }
}
