using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Webhooks;

public sealed class PromotionGateTests : LoopbackServerTest
{
    [Test]
    public async Task The_gate_stays_closed_until_the_hook_answers_2xx()
    {
        Server.AnswerInOrder(new CannedResponse(403, "waiting for approval"), new CannedResponse(500, "approval service down"), new CannedResponse(200, "approved"));
        var hooks = new[] { Gate("approval") };
        var runner = new WebhookRunner(Http, TimeProvider.System, retryDelay: TimeSpan.Zero);

        var first = await runner.ConfirmPromotionAsync(hooks, Payload(), Bound.Token);
        var second = await runner.ConfirmPromotionAsync(hooks, Payload(), Bound.Token);
        var third = await runner.ConfirmPromotionAsync(hooks, Payload(), Bound.Token);

        Assert.That(first.Open, Is.False);
        Assert.That(first.Reason, Does.Contain("403").And.Contain("waiting for approval"));
        Assert.That(second.Open, Is.False);
        Assert.That(second.Reason, Does.Contain("500"));
        Assert.That(third.Open, Is.True);
        Assert.That(third.Reason, Is.Null);
        Assert.That(Server.Requests.Select(r => r.Path), Is.All.EqualTo("/approval"));
        Assert.That(Server.Requests, Has.Count.EqualTo(3), "gate hooks are asked once per look (Retries = 0 here)");
    }

    [Test]
    public async Task Every_confirm_promotion_hook_must_answer_2xx()
    {
        Server.Respond((r, _) => new CannedResponse(r.Path == "/qa" ? 200 : 409, "not yet"));
        var runner = new WebhookRunner(Http, TimeProvider.System, retryDelay: TimeSpan.Zero);

        var gate = await runner.ConfirmPromotionAsync([Gate("qa"), Gate("change-board")], Payload(), Bound.Token);

        Assert.That(gate.Open, Is.False);
        Assert.That(gate.Results.Select(r => (r.Name, r.Passed, r.StatusCode)), Is.EqualTo(new[] { ("qa", true, (int?)200), ("change-board", false, (int?)409) }));
        Assert.That(gate.Reason, Does.Contain("change-board").And.Not.Contain("webhook qa"));
    }

    [Test]
    public async Task Without_confirm_promotion_hooks_the_gate_is_open_and_nothing_is_called()
    {
        var runner = new WebhookRunner(Http, TimeProvider.System, retryDelay: TimeSpan.Zero);
        var other = new WebhookSpec { Name = "notify", Kind = WebhookKind.PostRollout, Url = Server.Url("notify") };

        var gate = await runner.ConfirmPromotionAsync([other], Payload(), Bound.Token);

        Assert.That(gate.Open, Is.True);
        Assert.That(gate.Results, Is.Empty);
        Assert.That(Server.Requests, Is.Empty);
    }

    private WebhookSpec Gate(string name) => new()
    {
        Name = name,
        Kind = WebhookKind.ConfirmPromotion,
        Url = Server.Url(name),
        Retries = 0,
    };

    private static WebhookPayload Payload() => WebhookPayload.For(TestRollouts.Spec(), "Progressing", 50);
}
