using System.Text;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

/// <summary>The Prometheus HTTP API client against a loopback fake target: headers sent, answers read, errors with context.</summary>
public sealed class PrometheusClientTests
{
    private const string Vector = """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"le":"100"},"value":[1767225600.5,"12.5"]},
          {"metric":{"le":"+Inf"},"value":[1767225600.5,"+Inf"]}]}}
        """;

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
    public async Task Sends_a_bearer_token()
    {
        _server.AnswerInOrder(CannedResponse.Json(Vector));

        await Client(new PrometheusSpec { Url = _server.BaseUrl, BearerToken = "s3cret-token" }).QueryAsync("up", null, _bound.Token);

        Assert.That(_server.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer s3cret-token"));
    }

    [Test]
    public async Task Sends_basic_credentials()
    {
        _server.AnswerInOrder(CannedResponse.Json(Vector));

        await Client(new PrometheusSpec { Url = _server.BaseUrl, Username = "grafana", Password = "pa:ss" }).QueryAsync("up", null, _bound.Token);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("grafana:pa:ss"));
        Assert.That(_server.Requests.Single().Header("Authorization"), Is.EqualTo(expected));
    }

    [Test]
    public async Task Sends_no_credentials_when_none_are_configured_and_keeps_a_path_prefix()
    {
        _server.AnswerInOrder(CannedResponse.Json(Vector));

        await Client(new PrometheusSpec { Url = _server.Url("prometheus") }).QueryAsync("sum(up{job=\"a b\"})", DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_500), _bound.Token);

        var request = _server.Requests.Single();
        Assert.That(request.Header("Authorization"), Is.Null);
        Assert.That(request.Path, Is.EqualTo("/prometheus/api/v1/query"));
        Assert.That(Uri.UnescapeDataString(request.Query), Is.EqualTo("?query=sum(up{job=\"a b\"})&time=1767225600.5"));
    }

    [Test]
    public async Task Reads_vectors_with_labels_and_special_values()
    {
        _server.AnswerInOrder(CannedResponse.Json(Vector));

        var series = await Client().QueryAsync("x", null, _bound.Token);

        Assert.That(series.Select(s => (s.Label("le"), s.Value)), Is.EqualTo(new[] { ("100", 12.5), ("+Inf", double.PositiveInfinity) }));
    }

    [TestCase("""{"status":"success","data":{"resultType":"scalar","result":[1767225600,"0.25"]}}""", 0.25)]
    [TestCase("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1767225600,"42"]}]}}""", 42.0)]
    [TestCase("""{"status":"success","data":{"resultType":"vector","result":[]}}""", null)]
    public async Task A_scalar_query_yields_one_number_or_null_when_empty(string answer, double? expected)
    {
        _server.AnswerInOrder(CannedResponse.Json(answer));

        Assert.That(await Client().QueryScalarAsync("x", null, _bound.Token), Is.EqualTo(expected));
    }

    [Test]
    public void A_scalar_query_with_several_series_is_an_error()
    {
        _server.AnswerInOrder(CannedResponse.Json(Vector));

        Assert.That(() => Client().QueryScalarAsync("rate(x[1m])", null, _bound.Token),
            Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain("2 series").And.Message.Contain("query: rate(x[1m])"));
    }

    [Test]
    public async Task A_server_error_carries_its_type_message_status_and_the_query()
    {
        _server.AnswerInOrder(CannedResponse.Json("""{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected ']'"}""", 400));

        var error = (await Assert.ThrowsAsync<PrometheusQueryException>(() => Client().QueryAsync("sum(]", null, _bound.Token)))!;

        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.Message, Does.Contain($"Prometheus {_server.BaseUrl}").And.Contain("bad_data: 1:5: parse error").And.Contain("query: sum(]"));
    }

    [Test]
    public async Task A_body_that_is_not_the_API_is_an_error_with_its_start()
    {
        _server.AnswerInOrder(new CannedResponse(502, "<html>Bad Gateway</html>", "text/html"));

        var error = (await Assert.ThrowsAsync<PrometheusQueryException>(() => Client().QueryAsync("up", null, _bound.Token)))!;

        Assert.That(error.StatusCode, Is.EqualTo(502));
        Assert.That(error.Message, Does.Contain("answered 502").And.Contain("Bad Gateway"));
    }

    [Test]
    public async Task A_query_that_gets_no_answer_times_out()
    {
        _server.AnswerInOrder(CannedResponse.Hang);
        var time = new FakeTimeProvider();
        var client = new PrometheusClient(_http, new PrometheusSpec { Url = _server.BaseUrl }, time) { QueryTimeout = TimeSpan.FromSeconds(3) };

        var query = client.QueryAsync("up", null, _bound.Token);
        await _server.NextRequestAsync(_bound.Token);
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(async () => await query, Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain("no answer within 3 s"));
    }

    [Test]
    public async Task An_unreachable_server_is_an_error_naming_it()
    {
        var gone = await LoopbackHttpServer.StartAsync(_bound.Token);
        var url = gone.BaseUrl;
        await gone.DisposeAsync();

        Assert.That(() => Client(new PrometheusSpec { Url = url }).QueryAsync("up", null, _bound.Token),
            Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain($"Prometheus {url}: request failed"));
    }

    private PrometheusClient Client(PrometheusSpec? spec = null) => new(_http, spec ?? new PrometheusSpec { Url = _server.BaseUrl }, TimeProvider.System);
}
