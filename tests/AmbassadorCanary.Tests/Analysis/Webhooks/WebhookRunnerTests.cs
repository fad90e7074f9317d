using System.Text.Json.Nodes;
using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Webhooks;

public sealed class WebhookRunnerTests : LoopbackServerTest
{
    [Test]
    public async Task Posts_the_payload_as_json_and_passes_on_2xx()
    {
        var hook = Hook("smoke", WebhookKind.PreRollout) with { Metadata = new Dictionary<string, string> { ["suite"] = "smoke", ["env"] = "prod" } };
        var payload = WebhookPayload.For(TestRollouts.Spec(), "Initializing", 0);

        var result = await Runner().CallAsync(hook, payload, Bound.Token);

        Assert.That(result.Passed, Is.True, result.Message);
        Assert.That(result.StatusCode, Is.EqualTo(200));
        Assert.That(result.Attempts, Is.EqualTo(1));
        var request = Server.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Header("Content-Type"), Does.StartWith("application/json"));
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.That((string?)body["name"], Is.EqualTo("web"));
        Assert.That((string?)body["namespace"], Is.EqualTo("shop"));
        Assert.That((string?)body["phase"], Is.EqualTo("Initializing"));
        Assert.That((string?)body["hook"], Is.EqualTo("pre-rollout"));
        Assert.That((int?)body["weight"], Is.EqualTo(0));
        Assert.That((string?)body["revision"], Is.EqualTo("web=example/web:2.0"));
        Assert.That((string?)body["metadata"]!["suite"], Is.EqualTo("smoke"));
        Assert.That((string?)body["metadata"]!["env"], Is.EqualTo("prod"));
    }

    [Test]
    public async Task Retries_5xx_until_a_2xx()
    {
        Server.AnswerInOrder(new CannedResponse(503, "warming up"), new CannedResponse(502), new CannedResponse(204));

        var result = await Runner().CallAsync(Hook("load", WebhookKind.Step, retries: 2), Payload(), Bound.Token);

        Assert.That(result.Passed, Is.True, result.Message);
        Assert.That(result.StatusCode, Is.EqualTo(204));
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(Server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Gives_up_after_the_retries_with_the_last_status_and_body()
    {
        Server.AnswerInOrder(new CannedResponse(500, "database down"));

        var result = await Runner().CallAsync(Hook("load", WebhookKind.Step, retries: 2), Payload(), Bound.Token);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(500));
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(result.Message, Does.Contain("webhook load (step)").And.Contain("500").And.Contain("database down"));
        Assert.That(Server.Requests, Has.Count.EqualTo(3));
    }

    [TestCase(400)]
    [TestCase(403)]
    [TestCase(404)]
    public async Task Does_not_retry_a_4xx(int status)
    {
        Server.AnswerInOrder(new CannedResponse(status, "no"), new CannedResponse(200));

        var result = await Runner().CallAsync(Hook("check", WebhookKind.Step, retries: 3), Payload(), Bound.Token);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.Attempts, Is.EqualTo(1));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_hook_that_does_not_answer_times_out_on_each_attempt_and_fails()
    {
        Server.AnswerInOrder(CannedResponse.Hang);
        var time = new FakeTimeProvider();
        var hook = Hook("slow", WebhookKind.Step, retries: 1) with { Timeout = TimeSpan.FromSeconds(5) };

        var call = Runner(time).CallAsync(hook, Payload(), Bound.Token);
        await Server.NextRequestAsync(Bound.Token);
        time.Advance(TimeSpan.FromSeconds(5));
        await Server.NextRequestAsync(Bound.Token);
        Assert.That(call.IsCompleted, Is.False, "the second attempt must wait for its own timeout");
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await call.WaitAsync(Bound.Token);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.Null);
        Assert.That(result.Attempts, Is.EqualTo(2));
        Assert.That(result.Message, Does.Contain("no answer within 5 s"));
    }

    [Test]
    public async Task A_connection_error_is_retried_then_fails()
    {
        var closed = await LoopbackHttpServer.StartAsync(Bound.Token);
        var url = closed.Url("hook");
        await closed.DisposeAsync();

        var result = await Runner().CallAsync(Hook("gone", WebhookKind.Rollback, retries: 2) with { Url = url }, Payload(), Bound.Token);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.Null);
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(result.Message, Does.Contain("request failed"));
    }

    [Test]
    public async Task Messages_do_not_show_the_query_or_user_info_of_the_url()
    {
        Server.AnswerInOrder(new CannedResponse(403));
        var url = new UriBuilder(Server.Url("hook")) { UserName = "bot", Password = "hunter2", Query = "token=abc123" }.Uri;

        var result = await Runner().CallAsync(Hook("secret", WebhookKind.Step) with { Url = url }, Payload(), Bound.Token);

        Assert.That(result.Message, Does.Contain($"{Server.Url("hook")}?…").And.Not.Contain("abc123").And.Not.Contain("hunter2"));
        Assert.That(Server.Requests.Single().Query, Is.EqualTo("?token=abc123"), "the call itself uses the whole URL");
    }

    [Test]
    public void Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        Server.AnswerInOrder(CannedResponse.Hang);
        using var cancel = new CancellationTokenSource();

        var call = Runner().CallAsync(Hook("slow", WebhookKind.Step), Payload(), cancel.Token);
        Assert.That(async () =>
        {
            await Server.NextRequestAsync(Bound.Token);
            await cancel.CancelAsync();
            await call;
        }, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task RunAsync_calls_only_the_hooks_of_that_kind_in_order()
    {
        Server.Respond((r, _) => new CannedResponse(r.Path == "/b" ? 500 : 200));
        var hooks = new[]
        {
            Hook("a", WebhookKind.Step) with { Url = Server.Url("a") },
            Hook("pre", WebhookKind.PreRollout) with { Url = Server.Url("pre") },
            Hook("b", WebhookKind.Step, retries: 0) with { Url = Server.Url("b") },
        };

        var results = await Runner().RunAsync(hooks, WebhookKind.Step, Payload(), Bound.Token);

        Assert.That(results.Select(r => (r.Name, r.Passed)), Is.EqualTo(new[] { ("a", true), ("b", false) }));
        Assert.That(Server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/a", "/b" }));
    }

    private WebhookRunner Runner(TimeProvider? time = null) => new(Http, time ?? TimeProvider.System, retryDelay: TimeSpan.Zero);

    private WebhookSpec Hook(string name, WebhookKind kind, int retries = 2) => new()
    {
        Name = name,
        Kind = kind,
        Url = Server.Url("hook"),
        Retries = retries,
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static WebhookPayload Payload() => WebhookPayload.For(TestRollouts.Spec(), "Progressing", 10);
}
