using System.Text.Json.Nodes;
using AmbassadorCanary.Analysis.Webhooks;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Webhooks;

public sealed class WebhookRunnerTests
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
    public async Task Posts_the_payload_as_json_and_passes_on_2xx()
    {
        var hook = Hook("smoke", WebhookKind.PreRollout) with { Metadata = new Dictionary<string, string> { ["suite"] = "smoke", ["env"] = "prod" } };
        var payload = WebhookPayload.For(TestRollouts.Spec(), "Initializing", 0);

        var result = await Runner().CallAsync(hook, payload, _bound.Token);

        Assert.That(result.Passed, Is.True, result.Message);
        Assert.That(result.StatusCode, Is.EqualTo(200));
        Assert.That(result.Attempts, Is.EqualTo(1));
        var request = _server.Requests.Single();
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
        _server.AnswerInOrder(new CannedResponse(503, "warming up"), new CannedResponse(502), new CannedResponse(204));

        var result = await Runner().CallAsync(Hook("load", WebhookKind.Step, retries: 2), Payload(), _bound.Token);

        Assert.That(result.Passed, Is.True, result.Message);
        Assert.That(result.StatusCode, Is.EqualTo(204));
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Gives_up_after_the_retries_with_the_last_status_and_body()
    {
        _server.AnswerInOrder(new CannedResponse(500, "database down"));

        var result = await Runner().CallAsync(Hook("load", WebhookKind.Step, retries: 2), Payload(), _bound.Token);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(500));
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(result.Message, Does.Contain("webhook load (step)").And.Contain("500").And.Contain("database down"));
        Assert.That(_server.Requests, Has.Count.EqualTo(3));
    }

    [TestCase(400)]
    [TestCase(403)]
    [TestCase(404)]
    public async Task Does_not_retry_a_4xx(int status)
    {
        _server.AnswerInOrder(new CannedResponse(status, "no"), new CannedResponse(200));

        var result = await Runner().CallAsync(Hook("check", WebhookKind.Step, retries: 3), Payload(), _bound.Token);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.Attempts, Is.EqualTo(1));
        Assert.That(_server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_hook_that_does_not_answer_times_out_on_each_attempt_and_fails()
    {
        _server.AnswerInOrder(CannedResponse.Hang);
        var time = new FakeTimeProvider();
        var hook = Hook("slow", WebhookKind.Step, retries: 1) with { Timeout = TimeSpan.FromSeconds(5) };

        var call = Runner(time).CallAsync(hook, Payload(), _bound.Token);
        await _server.NextRequestAsync(_bound.Token);
        time.Advance(TimeSpan.FromSeconds(5));
        await _server.NextRequestAsync(_bound.Token);
        Assert.That(call.IsCompleted, Is.False, "the second attempt must wait for its own timeout");
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await call.WaitAsync(_bound.Token);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.Null);
        Assert.That(result.Attempts, Is.EqualTo(2));
        Assert.That(result.Message, Does.Contain("no answer within 5 s"));
    }

    [Test]
    public async Task A_connection_error_is_retried_then_fails()
    {
        var closed = await LoopbackHttpServer.StartAsync(_bound.Token);
        var url = closed.Url("hook");
        await closed.DisposeAsync();

        var result = await Runner().CallAsync(Hook("gone", WebhookKind.Rollback, retries: 2) with { Url = url }, Payload(), _bound.Token);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.Null);
        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(result.Message, Does.Contain("request failed"));
    }

    [Test]
    public async Task Messages_do_not_show_the_query_or_user_info_of_the_url()
    {
        _server.AnswerInOrder(new CannedResponse(403));
        var url = new UriBuilder(_server.Url("hook")) { UserName = "bot", Password = "hunter2", Query = "token=abc123" }.Uri;

        var result = await Runner().CallAsync(Hook("secret", WebhookKind.Step) with { Url = url }, Payload(), _bound.Token);

        Assert.That(result.Message, Does.Contain($"{_server.Url("hook")}?…").And.Not.Contain("abc123").And.Not.Contain("hunter2"));
        Assert.That(_server.Requests.Single().Query, Is.EqualTo("?token=abc123"), "the call itself uses the whole URL");
    }

    [Test]
    public void Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        _server.AnswerInOrder(CannedResponse.Hang);
        using var cancel = new CancellationTokenSource();

        var call = Runner().CallAsync(Hook("slow", WebhookKind.Step), Payload(), cancel.Token);
        Assert.That(async () =>
        {
            await _server.NextRequestAsync(_bound.Token);
            await cancel.CancelAsync();
            await call;
        }, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task RunAsync_calls_only_the_hooks_of_that_kind_in_order()
    {
        _server.Respond((r, _) => new CannedResponse(r.Path == "/b" ? 500 : 200));
        var hooks = new[]
        {
            Hook("a", WebhookKind.Step) with { Url = _server.Url("a") },
            Hook("pre", WebhookKind.PreRollout) with { Url = _server.Url("pre") },
            Hook("b", WebhookKind.Step, retries: 0) with { Url = _server.Url("b") },
        };

        var results = await Runner().RunAsync(hooks, WebhookKind.Step, Payload(), _bound.Token);

        Assert.That(results.Select(r => (r.Name, r.Passed)), Is.EqualTo(new[] { ("a", true), ("b", false) }));
        Assert.That(_server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/a", "/b" }));
    }

    private WebhookRunner Runner(TimeProvider? time = null) => new(_http, time ?? TimeProvider.System, retryDelay: TimeSpan.Zero);

    private WebhookSpec Hook(string name, WebhookKind kind, int retries = 2) => new()
    {
        Name = name,
        Kind = kind,
        Url = _server.Url("hook"),
        Retries = retries,
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static WebhookPayload Payload() => WebhookPayload.For(TestRollouts.Spec(), "Progressing", 10);
}
