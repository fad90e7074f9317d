using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Webhooks;

public sealed class PromotionGateTests
{
    private LoopbackHttpServer _server = null!;
    private HttpClient _http = null!;
    private CancellationTokenSource _bound = null!;

    [SetUp]
    public async Task Start()
    {
        _bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _server = await LoopbackHttpServer.StartAsync(_bound.Token);
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        _bound.Dispose();
    }

    [Test]
    public async Task The_gate_stays_closed_until_the_hook_answers_2xx()
    {
        _server.AnswerInOrder(new CannedResponse(403, "waiting for approval"), new CannedResponse(500, "approval service down"), new CannedResponse(200, "approved"));
        var hooks = new[] { Gate("approval") };
        var runner = new WebhookRunner(_http, TimeProvider.System, retryDelay: TimeSpan.Zero);

        var first = await runner.ConfirmPromotionAsync(hooks, Payload(), _bound.Token);
        var second = await runner.ConfirmPromotionAsync(hooks, Payload(), _bound.Token);
        var third = await runner.ConfirmPromotionAsync(hooks, Payload(), _bound.Token);

        Assert.That(first.Open, Is.False);
        Assert.That(first.Reason, Does.Contain("403").And.Contain("waiting for approval"));
        Assert.That(second.Open, Is.False);
        Assert.That(second.Reason, Does.Contain("500"));
        Assert.That(third.Open, Is.True);
        Assert.That(third.Reason, Is.Null);
        Assert.That(_server.Requests.Select(r => r.Path), Is.All.EqualTo("/approval"));
        Assert.That(_server.Requests, Has.Count.EqualTo(3), "gate hooks are asked once per look (Retries = 0 here)");
    }

    [Test]
    public async Task Every_confirm_promotion_hook_must_answer_2xx()
    {
        _server.Respond((r, _) => new CannedResponse(r.Path == "/qa" ? 200 : 409, "not yet"));
        var runner = new WebhookRunner(_http, TimeProvider.System, retryDelay: TimeSpan.Zero);

        var gate = await runner.ConfirmPromotionAsync([Gate("qa"), Gate("change-board")], Payload(), _bound.Token);

        Assert.That(gate.Open, Is.False);
        Assert.That(gate.Results.Select(r => (r.Name, r.Passed, r.StatusCode)), Is.EqualTo(new[] { ("qa", true, (int?)200), ("change-board", false, (int?)409) }));
        Assert.That(gate.Reason, Does.Contain("change-board").And.Not.Contain("webhook qa"));
    }

    [Test]
    public async Task Without_confirm_promotion_hooks_the_gate_is_open_and_nothing_is_called()
    {
        var runner = new WebhookRunner(_http, TimeProvider.System, retryDelay: TimeSpan.Zero);
        var other = new WebhookSpec { Name = "notify", Kind = WebhookKind.PostRollout, Url = _server.Url("notify") };

        var gate = await runner.ConfirmPromotionAsync([other], Payload(), _bound.Token);

        Assert.That(gate.Open, Is.True);
        Assert.That(gate.Results, Is.Empty);
        Assert.That(_server.Requests, Is.Empty);
    }

    private WebhookSpec Gate(string name) => new()
    {
        Name = name,
        Kind = WebhookKind.ConfirmPromotion,
        Url = _server.Url(name),
        Retries = 0,
    };

    private static WebhookPayload Payload() => WebhookPayload.For(TestRollouts.Spec(), "Progressing", 50);
}
