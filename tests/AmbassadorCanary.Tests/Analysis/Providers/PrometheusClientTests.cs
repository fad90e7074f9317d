using System.Text;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

/// <summary>The Prometheus HTTP API client against a loopback fake target: headers sent, answers read, errors with context.</summary>
public sealed class PrometheusClientTests : LoopbackServerTest
{
    private const string Vector = """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"le":"100"},"value":[1767225600.5,"12.5"]},
          {"metric":{"le":"+Inf"},"value":[1767225600.5,"+Inf"]}]}}
        """;

    [Test]
    public async Task Sends_a_bearer_token()
    {
        Server.AnswerInOrder(CannedResponse.Json(Vector));

        await Client(new PrometheusSpec { Url = Server.BaseUrl, BearerToken = "s3cret-token" }).QueryAsync("up", null, Bound.Token);

        Assert.That(Server.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer s3cret-token"));
    }

    [Test]
    public async Task Sends_basic_credentials()
    {
        Server.AnswerInOrder(CannedResponse.Json(Vector));

        await Client(new PrometheusSpec { Url = Server.BaseUrl, Username = "grafana", Password = "pa:ss" }).QueryAsync("up", null, Bound.Token);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("grafana:pa:ss"));
        Assert.That(Server.Requests.Single().Header("Authorization"), Is.EqualTo(expected));
    }

    [Test]
    public async Task Sends_no_credentials_when_none_are_configured_and_keeps_a_path_prefix()
    {
        Server.AnswerInOrder(CannedResponse.Json(Vector));

        await Client(new PrometheusSpec { Url = Server.Url("prometheus") }).QueryAsync("sum(up{job=\"a b\"})", DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_500), Bound.Token);

        var request = Server.Requests.Single();
        Assert.That(request.Header("Authorization"), Is.Null);
        Assert.That(request.Path, Is.EqualTo("/prometheus/api/v1/query"));
        Assert.That(Uri.UnescapeDataString(request.Query), Is.EqualTo("?query=sum(up{job=\"a b\"})&time=1767225600.5"));
    }

    [Test]
    public async Task Reads_vectors_with_labels_and_special_values()
    {
        Server.AnswerInOrder(CannedResponse.Json(Vector));

        var series = await Client().QueryAsync("x", null, Bound.Token);

        Assert.That(series.Select(s => (s.Label("le"), s.Value)), Is.EqualTo(new[] { ("100", 12.5), ("+Inf", double.PositiveInfinity) }));
    }

    [TestCase("""{"status":"success","data":{"resultType":"scalar","result":[1767225600,"0.25"]}}""", 0.25)]
    [TestCase("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1767225600,"42"]}]}}""", 42.0)]
    [TestCase("""{"status":"success","data":{"resultType":"vector","result":[]}}""", null)]
    public async Task A_scalar_query_yields_one_number_or_null_when_empty(string answer, double? expected)
    {
        Server.AnswerInOrder(CannedResponse.Json(answer));

        Assert.That(await Client().QueryScalarAsync("x", null, Bound.Token), Is.EqualTo(expected));
    }

    [Test]
    public void A_scalar_query_with_several_series_is_an_error()
    {
        Server.AnswerInOrder(CannedResponse.Json(Vector));

        Assert.That(() => Client().QueryScalarAsync("rate(x[1m])", null, Bound.Token),
            Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain("2 series").And.Message.Contain("query: rate(x[1m])"));
    }

    [Test]
    public async Task A_server_error_carries_its_type_message_status_and_the_query()
    {
        Server.AnswerInOrder(CannedResponse.Json("""{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected ']'"}""", 400));

        var error = (await Assert.ThrowsAsync<PrometheusQueryException>(() => Client().QueryAsync("sum(]", null, Bound.Token)))!;

        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.Message, Does.Contain($"Prometheus {Server.BaseUrl}").And.Contain("bad_data: 1:5: parse error").And.Contain("query: sum(]"));
    }

    [Test]
    public async Task A_body_that_is_not_the_API_is_an_error_with_its_start()
    {
        Server.AnswerInOrder(new CannedResponse(502, "<html>Bad Gateway</html>", "text/html"));

        var error = (await Assert.ThrowsAsync<PrometheusQueryException>(() => Client().QueryAsync("up", null, Bound.Token)))!;

        Assert.That(error.StatusCode, Is.EqualTo(502));
        Assert.That(error.Message, Does.Contain("answered 502").And.Contain("Bad Gateway"));
    }

    [Test]
    public async Task A_query_that_gets_no_answer_times_out()
    {
        Server.AnswerInOrder(CannedResponse.Hang);
        var time = new FakeTimeProvider();
        var client = new PrometheusClient(Http, new PrometheusSpec { Url = Server.BaseUrl }, time) { QueryTimeout = TimeSpan.FromSeconds(3) };

        var query = client.QueryAsync("up", null, Bound.Token);
        await Server.NextRequestAsync(Bound.Token);
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(async () => await query, Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain("no answer within 3 s"));
    }

    [Test]
    public async Task An_unreachable_server_is_an_error_naming_it()
    {
        var gone = await LoopbackHttpServer.StartAsync(Bound.Token);
        var url = gone.BaseUrl;
        await gone.DisposeAsync();

        Assert.That(() => Client(new PrometheusSpec { Url = url }).QueryAsync("up", null, Bound.Token),
            Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain($"Prometheus {url}: request failed"));
    }

    private PrometheusClient Client(PrometheusSpec? spec = null) => new(Http, spec ?? new PrometheusSpec { Url = Server.BaseUrl }, TimeProvider.System);
}
