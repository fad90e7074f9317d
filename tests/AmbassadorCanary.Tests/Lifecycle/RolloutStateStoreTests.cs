using System.Text.Json.Nodes;
using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Lifecycle;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Lifecycle;

public sealed class RolloutStateStoreTests
{
    [Test]
    public void The_state_round_trips_through_its_json_with_history_and_analysis()
    {
        var state = RolloutState.Start("abc123def0", new Dictionary<string, string> { ["web"] = "web:2" }, MachineFixtures.T0) with
        {
            Phase = RolloutPhase.Progressing,
            StepIndex = 1,
            Weight = 30,
            FailedChecks = 1,
            ConsecutiveFailedChecks = 1,
            PausedByRun = "run-a",
            History = [new DecisionRecord(MachineFixtures.T0, RolloutPhase.Initializing, RolloutPhase.CanaryDeploying, -1, 0, "deploying the canary")],
            Analysis = [new AnalysisRecord(MachineFixtures.T0, 0, 10, VerdictKind.Continue, [new CheckResult("success-rate", CheckOutcome.Fail, 97.5, ">= 99", "3 of 120 failed")])],
            AnalysisState = new AnalysisState(2, new SequentialCountJudgeState([double.NegativeInfinity, -0.5], [0.25], 120, 3, 1080, 2, 2), null),
        };

        var json = RolloutStateStore.Serialize(state);
        var back = RolloutStateStore.Deserialize(json);
        var node = JsonNode.Parse(json)!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)node["phase"], Is.EqualTo("Progressing"));
            Assert.That((string?)node["history"]![0]!["to"], Is.EqualTo("CanaryDeploying"));
            Assert.That((string?)node["analysis"]![0]!["checks"]![0]!["outcome"], Is.EqualTo("Fail"));
            Assert.That(RolloutStateStore.Serialize(back), Is.EqualTo(json));
            Assert.That(back.AnalysisState!.Errors!.LogWorse[0], Is.EqualTo(double.NegativeInfinity));
            Assert.That(back.Images["web"], Is.EqualTo("web:2"));
            Assert.That(back.History.Single().Reason, Is.EqualTo("deploying the canary"));
        });
    }

    [Test]
    public void Revisions_depend_on_the_images_only_and_not_their_order()
    {
        var a = RolloutRevision.Of(new Dictionary<string, string> { ["web"] = "web:2", ["sidecar"] = "envoy:1" });
        var b = RolloutRevision.Of(new Dictionary<string, string> { ["sidecar"] = "envoy:1", ["web"] = "web:2" });
        var c = RolloutRevision.Of(new Dictionary<string, string> { ["web"] = "web:3", ["sidecar"] = "envoy:1" });

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(a, Has.Length.EqualTo(10));
    }
}
