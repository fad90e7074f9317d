using AmbassadorCanary.Analysis;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class RolloutReportBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 21, 0, 0, TimeSpan.Zero);

    private static RolloutState State(RolloutPhase phase, int weight) => new()
    {
        Phase = phase,
        Revision = "abc123def0",
        Images = new Dictionary<string, string> { ["web"] = "registry.local/web:1.25" },
        Weight = weight,
        History =
        [
            new DecisionRecord(T0, RolloutPhase.CanaryDeploying, RolloutPhase.Progressing, 0, 10, "canary ready"),
            new DecisionRecord(T0.AddMinutes(2), RolloutPhase.Progressing, RolloutPhase.Progressing, 1, 50, "step passed"),
            new DecisionRecord(T0.AddMinutes(4), RolloutPhase.Progressing, phase, 1, weight, "done"),
        ],
        Analysis =
        [
            new AnalysisRecord(T0.AddMinutes(1), 0, 10, VerdictKind.Continue, [new CheckResult("success-rate", CheckOutcome.Pass, 99.9, ">= 99 %"), new CheckResult("latency-p99", CheckOutcome.Pass, 120, "<= 500 ms")]),
            new AnalysisRecord(T0.AddMinutes(3), 1, 50, VerdictKind.Continue, [new CheckResult("success-rate", CheckOutcome.Fail, 97.5, ">= 99 %"), new CheckResult("latency-p99", CheckOutcome.NoData, null, "<= 500 ms")]),
        ],
    };

    [TestCase(RolloutPhase.Succeeded, 0, false, "promoted", "promote")]
    [TestCase(RolloutPhase.RolledBack, 0, false, "rolled-back", "rollback")]
    [TestCase(RolloutPhase.Paused, 50, false, "paused", "pause")]
    [TestCase(RolloutPhase.Progressing, 50, false, "progressing", "continue")]
    [TestCase(RolloutPhase.RolledBack, 0, true, "cancelled", "rollback")]
    public void Result_and_decision_follow_the_outcome(RolloutPhase phase, int weight, bool cancelled, string result, string decision)
    {
        var outcome = RolloutOutcome.From(State(phase, weight), null, cancelled);

        var report = RolloutReportBuilder.FromOutcome(outcome, "rollout", "shop/web");

        Assert.That(report.Result, Is.EqualTo(result));
        Assert.That(report.Decision, Is.EqualTo(decision));
        Assert.That(report.Phase, Is.EqualTo(phase.ToString()));
        Assert.That(report.Weight, Is.EqualTo(weight));
        Assert.That(report.CanaryRevision, Is.EqualTo("registry.local/web:1.25"));
    }

    [Test]
    public void Rows_interleave_transitions_and_analysed_ticks_by_time()
    {
        var report = RolloutReportBuilder.FromOutcome(RolloutOutcome.From(State(RolloutPhase.Succeeded, 0), null), "rollout", "shop/web");

        Assert.That(report.Rows.Select(r => (r.Weight, r.Decision)), Is.EqualTo(new[]
        {
            (10, "progressing: canary ready"),
            (10, "checks passed"),
            (50, "continue: step passed"),
            (50, "check failed"),
            (0, "promote: done"),
        }));
        Assert.That(report.Rows.Select(r => r.SuccessRate), Is.EqualTo(new double?[] { null, 99.9, null, 97.5, null }));
        var markdown = JobSummaryMarkdown.Render(report);
        Assert.That(markdown, Does.Contain("| success-rate | latency-p99 |").And.Contain("❌ 97.5 (>= 99 %)"));
        Assert.That(JobSummaryMarkdownTests.MermaidBlock(markdown), Does.Contain("line [10, 10, 50, 50, 0]").And.Contain("line [99.9, 99.9, 99.9, 97.5, 97.5]"));
    }

    [Test]
    public void Several_images_read_as_pairs_and_no_images_as_the_revision()
    {
        var several = State(RolloutPhase.Progressing, 10) with { Images = new Dictionary<string, string> { ["web"] = "w:2", ["agent"] = "a:3" } };
        var none = State(RolloutPhase.Progressing, 10) with { Images = new Dictionary<string, string>() };

        Assert.That(RolloutReportBuilder.FromOutcome(RolloutOutcome.From(several, null), "step", "shop/web").CanaryRevision, Is.EqualTo("agent=a:3, web=w:2"));
        Assert.That(RolloutReportBuilder.FromOutcome(RolloutOutcome.From(none, null), "step", "shop/web").CanaryRevision, Is.EqualTo("abc123def0"));
    }
}
