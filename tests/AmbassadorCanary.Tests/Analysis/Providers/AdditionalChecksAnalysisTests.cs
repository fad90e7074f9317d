using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

public sealed class AdditionalChecksAnalysisTests
{
    [Test]
    public async Task Step_webhooks_become_checks_appended_to_the_inner_verdict()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Respond((r, _) => new CannedResponse(r.Path == "/ok" ? 200 : 422, "latency budget exceeded"));
        using var http = new HttpClient();
        var spec = TestRollouts.Spec(new AnalysisSpec
        {
            Webhooks =
            [
                new WebhookSpec { Name = "ok", Kind = WebhookKind.Step, Url = server.Url("ok") },
                new WebhookSpec { Name = "budget", Kind = WebhookKind.Step, Url = server.Url("budget") },
                new WebhookSpec { Name = "gate", Kind = WebhookKind.ConfirmPromotion, Url = server.Url("gate") },
            ],
        });
        var inner = new FixedAnalysis(new AnalysisVerdict(VerdictKind.Continue, [new CheckResult("success-rate", CheckOutcome.Pass, 99.9, ">= 99")]));
        var analysis = new AdditionalChecksAnalysis(inner, [new StepWebhookChecks(new WebhookRunner(http, TimeProvider.System, retryDelay: TimeSpan.Zero))]);

        var verdict = await analysis.EvaluateAsync(TestRollouts.Context(spec, DateTimeOffset.UnixEpoch, weight: 30), CancellationToken.None);

        Assert.That(verdict.Checks.Select(c => (c.Name, c.Outcome)), Is.EqualTo(new[]
        {
            ("success-rate", CheckOutcome.Pass),
            ("webhook ok", CheckOutcome.Pass),
            ("webhook budget", CheckOutcome.Fail),
        }));
        Assert.That(verdict.Checks[2].Value, Is.EqualTo(422));
        Assert.That(verdict.Checks[2].Detail, Does.Contain("latency budget exceeded"));
        Assert.That(server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/ok", "/budget" }));
        Assert.That(server.Requests[0].Body, Does.Contain("\"weight\":30").And.Contain("\"phase\":\"Progressing\""));
    }

    [TestCase(CheckOutcome.Pass, VerdictKind.PromoteNow)]
    [TestCase(CheckOutcome.Fail, VerdictKind.Continue)]
    [TestCase(CheckOutcome.NoData, VerdictKind.Continue)]
    public async Task Early_promotion_is_held_while_an_added_check_is_not_passing(CheckOutcome added, VerdictKind expected)
    {
        var inner = new FixedAnalysis(new AnalysisVerdict(VerdictKind.PromoteNow, []));
        var analysis = new AdditionalChecksAnalysis(inner, [new FixedChecks(new CheckResult("custom", added, 1, "<= 2"))]);

        var verdict = await analysis.EvaluateAsync(TestRollouts.Context(TestRollouts.Spec(), DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.That(verdict.Kind, Is.EqualTo(expected));
        Assert.That(verdict.Checks.Single().Outcome, Is.EqualTo(added));
    }

    [Test]
    public async Task A_rollback_of_the_inner_analysis_is_kept()
    {
        var inner = new FixedAnalysis(new AnalysisVerdict(VerdictKind.RollbackNow, []));
        var analysis = new AdditionalChecksAnalysis(inner, [new FixedChecks(new CheckResult("custom", CheckOutcome.Pass, 1, "<= 2"))]);

        var verdict = await analysis.EvaluateAsync(TestRollouts.Context(TestRollouts.Spec(), DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.That(verdict.Kind, Is.EqualTo(VerdictKind.RollbackNow));
    }

    private sealed class FixedAnalysis(AnalysisVerdict verdict) : ICanaryAnalysis
    {
        public Task<AnalysisVerdict> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken) => Task.FromResult(verdict);
    }

    private sealed class FixedChecks(params CheckResult[] checks) : ICanaryCheckSource
    {
        public Task<IReadOnlyList<CheckResult>> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CheckResult>>(checks);
    }
}
