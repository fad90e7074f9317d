using NUnit.Framework;
using AmbassadorCanary.Analysis;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using static AmbassadorCanary.Lifecycle.RolloutPhase;
using static AmbassadorCanary.Lifecycle.WorkloadHealth;
using static AmbassadorCanary.Tests.Lifecycle.MachineFixtures;

namespace AmbassadorCanary.Tests.Lifecycle;

public sealed class RolloutStateMachineTests
{
    private static readonly TimeSpan Min1 = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Sec30 = TimeSpan.FromSeconds(30);

    public static IEnumerable<TestCaseData> Transitions()
    {
        var spec = MakeSpec();
        var manual = spec with { Promotion = PromotionMode.Manual };
        var consecutive = spec with { FailureCounting = FailureCounting.Consecutive };
        var pauses = MakeSpec(new PauseStep(TimeSpan.FromMinutes(2)), new WeightStep(10), new PauseStep(null), new WeightStep(50));

        TestCaseData Case(string name, RolloutState s, Observations o, RolloutSpec sp, RolloutPhase phase, int step, int weight, string actions) =>
            new TestCaseData(s, o, sp, phase, step, weight, actions).SetArgDisplayNames(name);

        // Initializing and CanaryDeploying
        yield return Case("initializing deploys the canary", State(Initializing), Seen(canary: Absent, routeWeight: null), spec, CanaryDeploying, -1, 0, "DeployCanary Wait(5s)");
        yield return Case("deploying waits for readiness", State(CanaryDeploying, sinceTransition: Min1), Seen(canary: WorkloadHealth.Progressing, routeWeight: null), spec, CanaryDeploying, -1, 0, "Wait(5s)");
        yield return Case("deploying waits no longer than the deadline", State(CanaryDeploying, sinceTransition: TimeSpan.FromSeconds(598)), Seen(canary: WorkloadHealth.Progressing, routeWeight: null), spec, CanaryDeploying, -1, 0, "Wait(2s)");
        yield return Case("deploying past the deadline rolls back", State(CanaryDeploying, sinceTransition: TimeSpan.FromMinutes(10)), Seen(canary: WorkloadHealth.Progressing, routeWeight: null), spec, RollingBack, -1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("deploying with a failed canary rolls back", State(CanaryDeploying, sinceTransition: Min1), Seen(canary: Failed, routeWeight: null), spec, RollingBack, -1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("ready canary gets routes and the first weight", State(CanaryDeploying, sinceTransition: Min1), Seen(routeWeight: null), spec, RolloutPhase.Progressing, 0, 10, "ReconcileRoutes SetWeight(10) Wait(10s)");
        yield return Case("ready canary with a leading pause", State(CanaryDeploying, sinceTransition: Min1), Seen(routeWeight: null), pauses, Paused, 0, 0, "ReconcileRoutes Wait(10s)");
        yield return Case("ready canary with a promote request", State(CanaryDeploying, sinceTransition: Min1), Seen(routeWeight: null, promote: true), spec, Promoting, -1, 0, "PromotePrimary Wait(5s)");

        // Progressing
        yield return Case("holds the weight for the interval", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(routeWeight: 10), spec, RolloutPhase.Progressing, 0, 10, "Wait(10s)");
        yield return Case("re-checks no later than the step's end", State(RolloutPhase.Progressing, 0, 10, TimeSpan.FromSeconds(55)), Seen(routeWeight: 10), spec, RolloutPhase.Progressing, 0, 10, "Wait(5s)");
        yield return Case("next step after the interval", State(RolloutPhase.Progressing, 0, 10, Min1), Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Pass)), spec, RolloutPhase.Progressing, 1, 50, "SetWeight(50) Wait(10s)");
        yield return Case("last step done promotes", State(RolloutPhase.Progressing, 1, 50, Min1), Seen(routeWeight: 50), spec, Promoting, 1, 50, "PromotePrimary Wait(5s)");
        yield return Case("last step done waits for a manual promote", State(RolloutPhase.Progressing, 1, 50, Min1), Seen(routeWeight: 50), manual, Paused, 2, 50, "Wait(next run)");
        yield return Case("unready canary rolls back at once", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(canary: WorkloadHealth.Progressing, routeWeight: 10), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        yield return Case("failed canary rolls back at once", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(canary: Failed, routeWeight: 10), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        yield return Case("vanished canary rolls back at once", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(canary: Absent, routeWeight: 10), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        yield return Case("a failed check within the limit continues", State(RolloutPhase.Progressing, 0, 10, Min1), Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Fail)), spec, RolloutPhase.Progressing, 1, 50, "SetWeight(50) Wait(10s)");
        yield return Case("failed checks beyond the limit roll back", State(RolloutPhase.Progressing, 0, 10, Min1) with { FailedChecks = 1 }, Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Fail)), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        yield return Case("consecutive counting ignores old failures", State(RolloutPhase.Progressing, 0, 10, Min1) with { FailedChecks = 5 }, Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Fail)), consecutive, RolloutPhase.Progressing, 1, 50, "SetWeight(50) Wait(10s)");
        yield return Case("consecutive failures beyond the limit roll back", State(RolloutPhase.Progressing, 0, 10, Min1) with { FailedChecks = 1, ConsecutiveFailedChecks = 1 }, Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Fail)), consecutive, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        yield return Case("no data within its limit is not a failure", State(RolloutPhase.Progressing, 0, 10, Min1) with { FailedChecks = 1, NoDataChecks = 2 }, Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.NoData)), spec, RolloutPhase.Progressing, 1, 50, "SetWeight(50) Wait(10s)");
        yield return Case("no data beyond its limit counts as failed", State(RolloutPhase.Progressing, 0, 10, Min1) with { FailedChecks = 1, NoDataChecks = 3 }, Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.NoData)), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        yield return Case("analysis rollback-now rolls back", State(RolloutPhase.Progressing, 0, 10, Min1), Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Pass, VerdictKind.RollbackNow)), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        yield return Case("analysis promote-now promotes", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(routeWeight: 10, verdict: Verdict(CheckOutcome.Pass, VerdictKind.PromoteNow)), spec, Promoting, 0, 10, "PromotePrimary Wait(5s)");
        yield return Case("promote command while progressing", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(routeWeight: 10, promote: true), spec, Promoting, 0, 10, "PromotePrimary Wait(5s)");
        yield return Case("drifted route weight is restored", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(routeWeight: 40), spec, RolloutPhase.Progressing, 0, 10, "SetWeight(10) Wait(10s)");
        yield return Case("missing route is recreated", State(RolloutPhase.Progressing, 0, 10, Sec30), Seen(routeWeight: null), spec, RolloutPhase.Progressing, 0, 10, "ReconcileRoutes SetWeight(10) Wait(10s)");

        // Paused
        yield return Case("timed pause waits", State(Paused, 0, 0, Min1), Seen(), pauses, Paused, 0, 0, "Wait(10s)");
        yield return Case("timed pause re-checks no later than its end", State(Paused, 0, 0, TimeSpan.FromSeconds(116)), Seen(), pauses, Paused, 0, 0, "Wait(4s)");
        yield return Case("timed pause ends", State(Paused, 0, 0, TimeSpan.FromMinutes(2)), Seen(), pauses, RolloutPhase.Progressing, 1, 10, "SetWeight(10) Wait(10s)");
        yield return Case("step into a pause until the next run", State(RolloutPhase.Progressing, 1, 10, Min1), Seen(routeWeight: 10), pauses, Paused, 2, 10, "Wait(next run)");
        yield return Case("pause until the next run holds in the same run", State(Paused, 2, 10, Min1) with { PausedByRun = "run-a" }, Seen(routeWeight: 10), pauses, Paused, 2, 10, "Wait(next run)");
        yield return Case("pause until the next run ends in another run", State(Paused, 2, 10, Min1) with { PausedByRun = "run-a" }, Seen(routeWeight: 10, run: "run-b"), pauses, RolloutPhase.Progressing, 3, 50, "SetWeight(50) Wait(10s)");
        yield return Case("waiting for promote holds", State(Paused, 2, 50, Min1), Seen(routeWeight: 50), manual, Paused, 2, 50, "Wait(next run)");
        yield return Case("promote command ends the wait", State(Paused, 2, 50, Min1), Seen(routeWeight: 50, promote: true), manual, Promoting, 2, 50, "PromotePrimary Wait(5s)");
        yield return Case("unready canary while paused rolls back", State(Paused, 2, 50, Min1), Seen(canary: WorkloadHealth.Progressing, routeWeight: 50), manual, RollingBack, 2, 0, "SetWeight(0) Wait(0s)");

        // Promoting and Finalizing
        yield return Case("promoting waits for the primary", State(Promoting, 1, 50, Min1), Seen(routeWeight: 50), spec, Promoting, 1, 50, "Wait(5s)");
        yield return Case("rolled-out primary finalizes", State(Promoting, 1, 50, Min1), Seen(routeWeight: 50, primary: Ready), spec, Finalizing, 1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("failed primary rolls back", State(Promoting, 1, 50, Min1), Seen(routeWeight: 50, primary: Failed), spec, RollingBack, 1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("primary past the deadline rolls back", State(Promoting, 1, 50, TimeSpan.FromMinutes(10)), Seen(routeWeight: 50), spec, RollingBack, 1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("unready canary while promoting loses its weight", State(Promoting, 1, 50, Min1), Seen(canary: WorkloadHealth.Progressing, routeWeight: 50), spec, Promoting, 1, 0, "SetWeight(0) Wait(5s)");
        yield return Case("finalizing verifies the weight first", State(Finalizing, 1, 0), Seen(routeWeight: 50), spec, Finalizing, 1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("finalizing removes the canary", State(Finalizing, 1, 0), Seen(routeWeight: 0), spec, Succeeded, 1, 0, "RemoveCanaryRoutes RemoveCanaryService RemoveCanaryDeployment");
        yield return Case("finalizing without a route", State(Finalizing, 1, 0), Seen(routeWeight: null), spec, Succeeded, 1, 0, "RemoveCanaryRoutes RemoveCanaryService RemoveCanaryDeployment");

        // Rolling back
        yield return Case("rolling back verifies the weight first", State(RollingBack, 0, 0), Seen(routeWeight: 10), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        yield return Case("rolling back removes the canary", State(RollingBack, 0, 0), Seen(routeWeight: 0), spec, RolledBack, 0, 0, "RemoveCanaryRoutes RemoveCanaryService RemoveCanaryDeployment");
        yield return Case("rolling back ignores another rollback request", State(RollingBack, 0, 0), Seen(routeWeight: null, rollback: true), spec, RolledBack, 0, 0, "RemoveCanaryRoutes RemoveCanaryService RemoveCanaryDeployment");

        // Guards that apply to every phase
        foreach (var phase in new[] { Initializing, CanaryDeploying, RolloutPhase.Progressing, Paused, Promoting, Finalizing })
        {
            yield return Case($"rollback command in {phase}", State(phase, 0, 10), Seen(routeWeight: 10, rollback: true), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        }

        foreach (var phase in new[] { Initializing, CanaryDeploying, RolloutPhase.Progressing, Paused })
        {
            yield return Case($"new revision supersedes {phase}", State(phase, 0, 10), Seen(routeWeight: 10, revision: "rev2"), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
            yield return Case($"overall timeout in {phase}", State(phase, 0, 10), Seen(routeWeight: 10, at: TimeSpan.FromMinutes(60)), spec, RollingBack, 0, 0, "SetWeight(0) Wait(0s)");
        }

        yield return Case("promotion finishes before a new revision", State(Promoting, 1, 50, Min1), Seen(routeWeight: 50, primary: Ready, revision: "rev2"), spec, Finalizing, 1, 0, "SetWeight(0) Wait(0s)");
        yield return Case("promotion finishes past the timeout", State(Finalizing, 1, 0), Seen(routeWeight: 0, at: TimeSpan.FromMinutes(61)), spec, Succeeded, 1, 0, "RemoveCanaryRoutes RemoveCanaryService RemoveCanaryDeployment");
        yield return Case("succeeded is terminal", State(Succeeded, 1, 0), Seen(rollback: true, revision: "rev2"), spec, Succeeded, 1, 0, "");
        yield return Case("rolled back is terminal", State(RolledBack, 0, 0), Seen(promote: true), spec, RolledBack, 0, 0, "");
    }

    [TestCaseSource(nameof(Transitions))]
    public void Next_decides(RolloutState state, Observations seen, RolloutSpec spec, RolloutPhase phase, int step, int weight, string actions)
    {
        var decision = RolloutStateMachine.Next(state, seen, spec);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Next.Phase, Is.EqualTo(phase), decision.Reason);
            Assert.That(decision.Next.StepIndex, Is.EqualTo(step), decision.Reason);
            Assert.That(decision.Next.Weight, Is.EqualTo(weight), decision.Reason);
            Assert.That(Describe(decision.Actions), Is.EqualTo(actions), decision.Reason);
            Assert.That(decision.IsTransition, Is.EqualTo(decision.Next.History.Count > state.History.Count));
        });
    }
}
