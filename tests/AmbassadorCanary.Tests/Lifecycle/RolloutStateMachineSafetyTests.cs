using AmbassadorCanary.Analysis;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using NUnit.Framework;
using static AmbassadorCanary.Tests.Lifecycle.MachineFixtures;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>The safety rules, checked over seeded random walks and a whole rollout driven tick by tick.</summary>
public sealed class RolloutStateMachineSafetyTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Random_observations_never_break_the_safety_rules(int seed)
    {
        var random = new Random(seed);
        var spec = MakeSpec(new WeightStep(10), new PauseStep(TimeSpan.FromMinutes(1)), new PauseStep(null), new WeightStep(60));
        var health = Enum.GetValues<WorkloadHealth>();
        var verdicts = new AnalysisVerdict?[] { null, Verdict(CheckOutcome.Pass), Verdict(CheckOutcome.Fail), Verdict(CheckOutcome.NoData), Verdict(CheckOutcome.Pass, VerdictKind.PromoteNow) };
        var checkedDecisions = 0;
        for (var walk = 0; walk < 200; walk++)
        {
            var state = RolloutState.Start("rev1", spec.Target.Images, T0);
            var now = T0;
            for (var tick = 0; tick < 40 && !state.Phase.IsTerminal(); tick++)
            {
                now += TimeSpan.FromSeconds(random.Next(0, 90));
                var seen = new Observations
                {
                    Now = now,
                    DesiredRevision = random.Next(30) == 0 ? "rev2" : "rev1",
                    RunId = random.Next(4) == 0 ? "run-b" : "run-a",
                    Canary = random.Next(10) < 8 ? WorkloadHealth.Ready : health[random.Next(health.Length)],
                    Primary = health[random.Next(health.Length)],
                    RouteWeight = random.Next(3) == 0 ? null : state.Weight + (random.Next(5) == 0 ? 7 : 0),
                    Verdict = verdicts[random.Next(verdicts.Length)],
                    PromoteRequested = random.Next(20) == 0,
                    RollbackRequested = random.Next(40) == 0,
                };
                var decision = RolloutStateMachine.Next(state, seen, spec);
                AssertSafe(state, seen, decision);
                checkedDecisions++;
                state = decision.Next;
            }
        }

        Assert.That(checkedDecisions, Is.GreaterThan(1000));
    }

    [Test]
    public void A_healthy_rollout_goes_through_every_phase_in_order()
    {
        var spec = MakeSpec(new WeightStep(10), new PauseStep(TimeSpan.FromMinutes(2)), new WeightStep(50));
        var state = RolloutState.Start("rev1", spec.Target.Images, T0);
        var now = T0;
        int? routeWeight = null;
        var canary = WorkloadHealth.Absent;
        var primary = WorkloadHealth.Progressing;
        for (var tick = 0; tick < 200 && !state.Phase.IsTerminal(); tick++)
        {
            var decision = RolloutStateMachine.Next(state, new Observations
            {
                Now = now,
                DesiredRevision = "rev1",
                RunId = "run-a",
                Canary = canary,
                Primary = primary,
                RouteWeight = routeWeight,
                Verdict = RolloutStateMachine.NeedsAnalysis(state, now, spec) ? Verdict(CheckOutcome.Pass) : null,
            }, spec);
            foreach (var action in decision.Actions)
            {
                switch (action)
                {
                    case DeployCanary: canary = WorkloadHealth.Progressing; break;
                    case ReconcileRoutes: routeWeight ??= 0; break;
                    case SetWeight w when routeWeight is not null: routeWeight = w.Weight; break;
                    case PromotePrimary: primary = WorkloadHealth.Progressing; break;
                    case RemoveCanaryRoutes: routeWeight = null; break;
                    case RemoveCanaryDeployment: canary = WorkloadHealth.Absent; break;
                    case Wait { Duration: { } d }: now += d; break;
                }
            }

            // The simulated controllers finish whatever was started by the next tick.
            canary = canary == WorkloadHealth.Progressing ? WorkloadHealth.Ready : canary;
            primary = decision.Actions.OfType<PromotePrimary>().Any() ? WorkloadHealth.Progressing : WorkloadHealth.Ready;
            state = decision.Next;
        }

        var path = state.History.Select(h => $"{h.To}:{h.Weight}").ToList();
        Assert.That(path, Is.EqualTo(new[]
        {
            "CanaryDeploying:0", "Progressing:10", "Paused:10", "Progressing:50", "Promoting:50", "Finalizing:0", "Succeeded:0",
        }));
        Assert.That(routeWeight, Is.Null);
        Assert.That(canary, Is.EqualTo(WorkloadHealth.Absent));
    }

    private static void AssertSafe(RolloutState before, Observations seen, Decision decision)
    {
        var actions = decision.Actions;
        if (seen.Canary != WorkloadHealth.Ready)
        {
            Assert.That(actions.OfType<SetWeight>().Where(w => w.Weight > 0), Is.Empty, $"weight above 0 for an unready canary: {decision.Reason}");
            Assert.That(decision.Next.Weight, Is.Zero, $"an unready canary kept weight {decision.Next.Weight}: {decision.Reason}");
        }

        if (actions.Any(a => a is RemoveCanaryRoutes or RemoveCanaryService or RemoveCanaryDeployment))
        {
            Assert.That(seen.RouteWeight ?? 0, Is.Zero, $"canary removed before its weight was verified 0: {decision.Reason}");
            var order = actions.Select(a => a.GetType().Name).Where(n => n.StartsWith("RemoveCanary", StringComparison.Ordinal));
            Assert.That(order, Is.EqualTo(new[] { "RemoveCanaryRoutes", "RemoveCanaryService", "RemoveCanaryDeployment" }));
        }

        if (decision.Next.Phase == RolloutPhase.RollingBack)
        {
            Assert.That(actions.OfType<PromotePrimary>(), Is.Empty, "a rollback touched the primary");
            Assert.That(decision.Next.Weight, Is.Zero);
        }
    }
}
