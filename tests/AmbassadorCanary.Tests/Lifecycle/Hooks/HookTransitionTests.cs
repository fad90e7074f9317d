using AmbassadorCanary.Analysis;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using NUnit.Framework;
using static AmbassadorCanary.Lifecycle.RolloutPhase;
using static AmbassadorCanary.Lifecycle.WorkloadHealth;
using static AmbassadorCanary.Tests.Lifecycle.MachineFixtures;

namespace AmbassadorCanary.Tests.Lifecycle.Hooks;

/// <summary>The lifecycle-webhook transitions of the state machine, one row each (the machine's table in docs/lifecycle.md).</summary>
public sealed class HookTransitionTests
{
    private static readonly TimeSpan Min1 = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Sec30 = TimeSpan.FromSeconds(30);

    public static RolloutSpec WithHooks(RolloutSpec spec, params WebhookKind[] kinds) => spec with
    {
        Analysis = spec.Analysis with
        {
            Webhooks = [.. kinds.Select(k => new WebhookSpec { Name = $"hook-{k}", Kind = k, Url = new Uri("http://127.0.0.1:9/hook") })],
        },
    };

    public static HookObservation Answered(WebhookKind kind, params int[] statuses) => new(kind,
        [.. statuses.Select((s, i) => new HookRecord(T0, kind.ToString(), $"hook-{i}", s is >= 200 and < 300, s, 1, $"hook-{i}: answered {s}"))]);

    public static IEnumerable<TestCaseData> Transitions()
    {
        var spec = MakeSpec();
        var pre = WithHooks(spec, WebhookKind.PreRollout);
        var gate = WithHooks(spec, WebhookKind.ConfirmPromotion);
        var manualGate = gate with { Promotion = PromotionMode.Manual };
        var ends = WithHooks(spec, WebhookKind.PostRollout, WebhookKind.Rollback);
        var noStepsGate = WithHooks(MakeSpec() with { Steps = [] }, WebhookKind.ConfirmPromotion);
        var pauseLastGate = WithHooks(MakeSpec(new WeightStep(10), new PauseStep(TimeSpan.FromMinutes(2))), WebhookKind.ConfirmPromotion);
        var waiting = State(RolloutPhase.Progressing, 1, 50, Min1) with { AwaitingGateSince = T0 };

        TestCaseData Case(string name, RolloutState s, Observations o, RolloutSpec sp, RolloutPhase phase, int step, int weight, string actions) =>
            new TestCaseData(s, o, sp, phase, step, weight, actions).SetArgDisplayNames(name);

        // Pre-rollout
        yield return Case("passed pre-rollout hooks deploy the canary", State(Initializing), Seen(canary: Absent, routeWeight: null) with { Hooks = Answered(WebhookKind.PreRollout, 200, 204) }, pre, CanaryDeploying, -1, 0, "DeployCanary Wait(5s)");
        yield return Case("a failed pre-rollout hook ends the rollout undeployed", State(Initializing), Seen(canary: Absent, routeWeight: null) with { Hooks = Answered(WebhookKind.PreRollout, 200, 500) }, pre, RolledBack, -1, 0, "RemoveCanaryService RemoveCanaryDeployment");
        yield return Case("pre-rollout hooks not run count as failed", State(Initializing), Seen(canary: Absent, routeWeight: null), pre, RolledBack, -1, 0, "RemoveCanaryService RemoveCanaryDeployment");
        yield return Case("a failed pre-rollout hook runs the rollback hooks", State(Initializing), Seen(canary: Absent, routeWeight: null) with { Hooks = Answered(WebhookKind.PreRollout, 403) }, WithHooks(spec, WebhookKind.PreRollout, WebhookKind.Rollback), RolledBack, -1, 0, "RemoveCanaryService RemoveCanaryDeployment RunHooks(Rollback)");

        // Confirm-promotion gate
        yield return Case("open gate promotes after the last step", State(RolloutPhase.Progressing, 1, 50, Min1), Seen(routeWeight: 50) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 200) }, gate, Promoting, 1, 50, "PromotePrimary Wait(5s)");
        yield return Case("closed gate holds the last weight", State(RolloutPhase.Progressing, 1, 50, Min1), Seen(routeWeight: 50) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 403) }, gate, RolloutPhase.Progressing, 1, 50, "Wait(10s)");
        yield return Case("gate needs every hook to answer 2xx", State(RolloutPhase.Progressing, 1, 50, Min1), Seen(routeWeight: 50) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 200, 500) }, gate, RolloutPhase.Progressing, 1, 50, "Wait(10s)");
        yield return Case("an unasked gate is closed", State(RolloutPhase.Progressing, 1, 50, Min1), Seen(routeWeight: 50), gate, RolloutPhase.Progressing, 1, 50, "Wait(10s)");
        yield return Case("still closed keeps holding", waiting, Seen(routeWeight: 50) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 403) }, gate, RolloutPhase.Progressing, 1, 50, "Wait(10s)");
        yield return Case("opened at last promotes", waiting, Seen(routeWeight: 50) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 200) }, gate, Promoting, 1, 50, "PromotePrimary Wait(5s)");
        yield return Case("failing analysis while waiting rolls back", waiting with { FailedChecks = 1 }, Seen(routeWeight: 50, verdict: Verdict(CheckOutcome.Fail)), gate, RollingBack, 1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("unready canary while waiting rolls back", waiting with { LastTransitionAt = T0 + TimeSpan.FromMinutes(4) }, Seen(canary: WorkloadHealth.Progressing, routeWeight: 50), gate, RollingBack, 1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("a promote command skips the gate", waiting with { LastTransitionAt = T0 + TimeSpan.FromMinutes(4) }, Seen(routeWeight: 50, promote: true), gate, Promoting, 1, 50, "PromotePrimary Wait(5s)");
        yield return Case("promote-now waits for the gate", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Pass, VerdictKind.PromoteNow)) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 403) }, gate, RolloutPhase.Progressing, 0, 10, "Wait(10s)");
        yield return Case("promote-now with an open gate promotes", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Pass, VerdictKind.PromoteNow)) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 200) }, gate, Promoting, 0, 10, "PromotePrimary Wait(5s)");
        yield return Case("manual promotion does not ask the gate", State(RolloutPhase.Progressing, 1, 50, Min1), Seen(routeWeight: 50), manualGate, Paused, 2, 50, "Wait(next run)");
        yield return Case("no steps: closed gate holds at weight 0", State(CanaryDeploying, sinceTransition: Min1), Seen(routeWeight: null) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 403) }, noStepsGate, CanaryDeploying, -1, 0, "ReconcileRoutes Wait(60s)");
        yield return Case("last pause over: closed gate pauses again", State(Paused, 1, 10, TimeSpan.FromMinutes(2)), Seen(routeWeight: 10) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 500) }, pauseLastGate, Paused, 1, 10, "Wait(60s)");

        // Post-rollout and rollback
        yield return Case("succeeded runs the post-rollout hooks", State(Finalizing, 1, 0, Sec30), Seen(routeWeight: 0, primary: Ready), ends, Succeeded, 1, 0, "RemoveCanaryRoutes RemoveCanaryService RemoveCanaryDeployment RunHooks(PostRollout)");
        yield return Case("rolled back runs the rollback hooks", State(RollingBack, 1, 0, Sec30), Seen(routeWeight: 0), ends, RolledBack, 1, 0, "RemoveCanaryRoutes RemoveCanaryService RemoveCanaryDeployment RunHooks(Rollback)");
        yield return Case("no hooks while the weight is still verified", State(RollingBack, 1, 0, Sec30), Seen(routeWeight: 10), ends, RollingBack, 1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("terminal stays without hooks", State(RolledBack, 1, 0, Sec30), Seen(routeWeight: null), ends, RolledBack, 1, 0, "");
    }

    [TestCaseSource(nameof(Transitions))]
    public void Transition(RolloutState state, Observations observations, RolloutSpec spec, RolloutPhase phase, int step, int weight, string actions)
    {
        var decision = RolloutStateMachine.Next(state, observations, spec);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Next.Phase, Is.EqualTo(phase), decision.Reason);
            Assert.That(decision.Next.StepIndex, Is.EqualTo(step), decision.Reason);
            Assert.That(decision.Next.Weight, Is.EqualTo(weight), decision.Reason);
            Assert.That(DescribeWithHooks(decision.Actions), Is.EqualTo(actions), decision.Reason);
        });
    }

    private static string DescribeWithHooks(IEnumerable<RolloutAction> actions) =>
        string.Join(' ', actions.Select(a => a is RunHooks h ? $"RunHooks({h.Kind})" : Describe([a])));

    [Test]
    public void ClosedGateIsRecordedOnceAsTransitionThenHoldsWithAFreshInterval()
    {
        var spec = WithHooks(MakeSpec(), WebhookKind.ConfirmPromotion);
        var closed = Seen(routeWeight: 50) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 403) };

        var first = RolloutStateMachine.Next(State(RolloutPhase.Progressing, 1, 50, Min1), closed, spec);
        var again = RolloutStateMachine.Next(first.Next, closed with { Now = closed.Now + Min1 }, spec);

        Assert.Multiple(() =>
        {
            Assert.That(first.IsTransition, Is.True);
            Assert.That(first.Next.AwaitingGateSince, Is.EqualTo(closed.Now));
            Assert.That(first.Next.LastTransitionAt, Is.EqualTo(closed.Now));
            Assert.That(first.Reason, Does.Contain("waiting for the confirm-promotion gate").And.Contain("answered 403"));
            Assert.That(first.Next.Hooks, Has.Count.EqualTo(1));
            Assert.That(again.IsTransition, Is.False);
            Assert.That(again.Next.AwaitingGateSince, Is.EqualTo(closed.Now));
            Assert.That(again.Next.LastTransitionAt, Is.EqualTo(closed.Now + Min1));
            Assert.That(again.Next.Hooks, Has.Count.EqualTo(2));
            Assert.That(again.Next.History, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void OpeningTheGateClearsTheWait()
    {
        var spec = WithHooks(MakeSpec(), WebhookKind.ConfirmPromotion);
        var waiting = State(RolloutPhase.Progressing, 1, 50, Min1) with { AwaitingGateSince = T0 };

        var decision = RolloutStateMachine.Next(waiting, Seen(routeWeight: 50) with { Hooks = Answered(WebhookKind.ConfirmPromotion, 200) }, spec);

        Assert.That(decision.Next.AwaitingGateSince, Is.Null);
    }

    public static IEnumerable<TestCaseData> Due()
    {
        var spec = MakeSpec();
        TestCaseData Case(string name, RolloutState s, Observations o, RolloutSpec sp, WebhookKind? kind) =>
            new TestCaseData(s, o, sp, kind).SetArgDisplayNames(name);

        yield return Case("pre-rollout before deploying", State(Initializing), Seen(canary: Absent, routeWeight: null), WithHooks(spec, WebhookKind.PreRollout), WebhookKind.PreRollout);
        yield return Case("no pre-rollout when a rollback was asked", State(Initializing), Seen(canary: Absent, routeWeight: null, rollback: true), WithHooks(spec, WebhookKind.PreRollout), null);
        yield return Case("no hooks configured", State(Initializing), Seen(canary: Absent, routeWeight: null), spec, null);
        yield return Case("gate when the last step is done", State(RolloutPhase.Progressing, 1, 50, Min1), Seen(routeWeight: 50), WithHooks(spec, WebhookKind.ConfirmPromotion), WebhookKind.ConfirmPromotion);
        yield return Case("no gate mid-step", State(RolloutPhase.Progressing, 1, 50, Sec30), Seen(routeWeight: 50), WithHooks(spec, WebhookKind.ConfirmPromotion), null);
        yield return Case("no gate before the last step", State(RolloutPhase.Progressing, 0, 10, Min1), Seen(routeWeight: 10), WithHooks(spec, WebhookKind.ConfirmPromotion), null);
        yield return Case("no gate for a promote command", State(RolloutPhase.Progressing, 1, 50, Sec30), Seen(routeWeight: 50, promote: true), WithHooks(spec, WebhookKind.ConfirmPromotion), null);
        yield return Case("no gate when the analysis fails over the limit", State(RolloutPhase.Progressing, 1, 50, Min1) with { FailedChecks = 1 }, Seen(routeWeight: 50, verdict: Verdict(CheckOutcome.Fail)), WithHooks(spec, WebhookKind.ConfirmPromotion), null);
        yield return Case("gate for promote-now", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Pass, VerdictKind.PromoteNow)), WithHooks(spec, WebhookKind.ConfirmPromotion), WebhookKind.ConfirmPromotion);
        yield return Case("no gate while promoting", State(Promoting, 1, 50, Sec30), Seen(routeWeight: 50), WithHooks(spec, WebhookKind.ConfirmPromotion), null);
    }

    [TestCaseSource(nameof(Due))]
    public void HooksDue(RolloutState state, Observations observations, RolloutSpec spec, WebhookKind? kind) =>
        Assert.That(RolloutStateMachine.HooksDue(state, observations, spec), Is.EqualTo(kind));
}
