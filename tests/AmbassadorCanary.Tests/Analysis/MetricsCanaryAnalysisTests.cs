using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Metrics;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class MetricsCanaryAnalysisTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_canary_with_five_times_the_errors_is_rolled_back_early()
    {
        // Canary 500 requests with 5 % 5xx per tick, primary 4500 with 1 %.
        var analysis = new MetricsCanaryAnalysis(new ScriptedSource(_ => Window(500, 25, 4500, 45)));

        var verdicts = await Run(analysis, Spec(), 30);

        var rollback = verdicts.FindIndex(v => v.Kind == VerdictKind.RollbackNow);
        Assert.That(rollback, Is.InRange(0, 4));
        var errorCheck = verdicts[rollback].Checks.Single(c => c.Name == MetricsCanaryAnalysis.ErrorJudgeCheck);
        Assert.That(errorCheck.Outcome, Is.EqualTo(CheckOutcome.Fail));
        Assert.That(errorCheck.Value, Is.GreaterThanOrEqualTo(1 / 0.009));
        Assert.That(errorCheck.Detail, Does.Contain("error-rate ratio 5"));
    }

    [Test]
    public async Task Equal_error_rates_never_roll_back_and_never_promote_without_permission()
    {
        var analysis = new MetricsCanaryAnalysis(new ScriptedSource(_ => Window(500, 5, 4500, 45)));

        var verdicts = await Run(analysis, Spec(), 60);

        Assert.That(verdicts.Select(v => v.Kind), Is.All.EqualTo(VerdictKind.Continue));
        Assert.That(verdicts[^1].State!.Ticks, Is.EqualTo(60));
        Assert.That(verdicts[^1].Checks.Select(c => c.Name), Is.EqualTo(new[] { "success-rate", "latency-p99", "error-rate-vs-primary", "latency-vs-primary" }));
    }

    [Test]
    public async Task A_clean_canary_is_promoted_early_only_when_allowed()
    {
        Func<int, TrafficWindow> clean = _ => Window(500, 0, 4500, 90);
        var allowed = await Run(new MetricsCanaryAnalysis(new ScriptedSource(clean)), Spec(promoteEarly: true), 40);
        var notAllowed = await Run(new MetricsCanaryAnalysis(new ScriptedSource(clean)), Spec(), 40);

        Assert.That(allowed.Any(v => v.Kind == VerdictKind.PromoteNow), Is.True);
        Assert.That(notAllowed.Any(v => v.Kind == VerdictKind.PromoteNow), Is.False);
    }

    [Test]
    public async Task A_slower_canary_is_rolled_back_on_latency()
    {
        var analysis = new MetricsCanaryAnalysis(new ScriptedSource(_ => Window(500, 0, 4500, 0, canarySlower: true)));

        var verdicts = await Run(analysis, Spec(), 3);

        Assert.That(verdicts[0].Kind, Is.EqualTo(VerdictKind.RollbackNow));
        var latency = verdicts[0].Checks.Single(c => c.Name == MetricsCanaryAnalysis.LatencyJudgeCheck);
        Assert.That(latency.Outcome, Is.EqualTo(CheckOutcome.Fail));
        Assert.That(latency.Value, Is.GreaterThan(10));
    }

    [Test]
    public async Task A_failing_source_gives_no_data_with_the_reason()
    {
        var analysis = new MetricsCanaryAnalysis(new ScriptedSource(_ => throw new InvalidOperationException("pod proxy said 503")));

        var verdict = (await Run(analysis, Spec(), 1))[0];

        Assert.That(verdict.Kind, Is.EqualTo(VerdictKind.Continue));
        Assert.That(verdict.Checks.Select(c => c.Outcome), Is.All.EqualTo(CheckOutcome.NoData));
        Assert.That(verdict.Checks[0].Detail, Is.EqualTo("metrics unavailable: pod proxy said 503"));
    }

    [Test]
    public async Task State_passed_through_the_context_gives_the_same_verdicts_as_one_long_lived_instance()
    {
        Func<int, TrafficWindow> script = i => Window(500, i % 3 == 0 ? 12 : 8, 4500, 45);
        var kept = await Run(new MetricsCanaryAnalysis(new ScriptedSource(script)), Spec(), 12);

        // A fresh instance per tick (step mode): only the persisted state links the ticks.
        var source = new ScriptedSource(script);
        AnalysisState? state = null;
        var restarted = new List<AnalysisVerdict>();
        for (var i = 0; i < 12; i++)
        {
            var verdict = await new MetricsCanaryAnalysis(source).EvaluateAsync(Context(Spec(), i) with { State = state }, CancellationToken.None);
            state = verdict.State;
            restarted.Add(verdict);
        }

        Assert.That(restarted.Select(v => v.Checks[2].Value), Is.EqualTo(kept.Select(v => v.Checks[2].Value)));
        Assert.That(restarted.Select(v => v.Kind), Is.EqualTo(kept.Select(v => v.Kind)));
    }

    [Test]
    public async Task With_the_judge_disabled_only_the_static_checks_run()
    {
        var spec = Spec() with { Analysis = new AnalysisSpec { Judge = new JudgeSpec { Enabled = false } } };
        var analysis = new MetricsCanaryAnalysis(new ScriptedSource(_ => Window(500, 100, 4500, 0)));

        var verdict = (await Run(analysis, spec, 1))[0];

        Assert.That(verdict.Kind, Is.EqualTo(VerdictKind.Continue));
        Assert.That(verdict.Checks.Select(c => c.Name), Is.EqualTo(new[] { "success-rate", "latency-p99" }));
        Assert.That(verdict.AnyFailed, Is.True);
    }

    private static async Task<List<AnalysisVerdict>> Run(MetricsCanaryAnalysis analysis, RolloutSpec spec, int ticks)
    {
        var verdicts = new List<AnalysisVerdict>();
        for (var i = 0; i < ticks; i++)
        {
            verdicts.Add(await analysis.EvaluateAsync(Context(spec, i), CancellationToken.None));
        }

        return verdicts;
    }

    private static AnalysisContext Context(RolloutSpec spec, int tick) =>
        new(spec, 10, "web", "web-canary", "web", "web-canary", T0.AddSeconds(10 * tick));

    private static RolloutSpec Spec(bool promoteEarly = false) => new()
    {
        Target = new TargetSpec { Namespace = "default", Deployment = "web", Images = new Dictionary<string, string> { ["web"] = "web:2" } },
        Route = new RouteSpec { Mapping = "web" },
        Steps = [new WeightStep(10)],
        Analysis = new AnalysisSpec { Judge = new JudgeSpec { PromoteEarly = promoteEarly } },
    };

    // Latency: the primary's requests spread 30/50/20 over (25,50], (50,100], (100,250] ms; a slower canary moves one bucket up.
    private static TrafficWindow Window(long canaryRq, long canary5xx, long primaryRq, long primary5xx, bool canarySlower = false)
    {
        return new TrafficWindow(
            new TrafficSample(canaryRq, canary5xx, Spread(canaryRq, canarySlower ? 1 : 0)),
            new TrafficSample(primaryRq, primary5xx, Spread(primaryRq, 0)),
            T0,
            T0.AddSeconds(10));

        static LatencyHistogram Spread(long n, int up)
        {
            var counts = new long[LatencyHistogram.EnvoyDefaultBounds.Count + 1];
            counts[5 + up] = n * 3 / 10;
            counts[6 + up] = n / 2;
            counts[7 + up] = n - (n * 3 / 10) - (n / 2);
            return new LatencyHistogram(LatencyHistogram.EnvoyDefaultBounds, counts);
        }
    }

    private sealed class ScriptedSource(Func<int, TrafficWindow> script) : ITrafficWindowSource
    {
        private int calls;

        public Task<TrafficWindow?> NextWindowAsync(AnalysisContext context, CancellationToken cancellationToken) =>
            Task.FromResult<TrafficWindow?>(script(calls++));
    }
}
