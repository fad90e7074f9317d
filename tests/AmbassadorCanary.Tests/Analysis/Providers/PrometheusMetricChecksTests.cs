using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

/// <summary>Custom PromQL checks against a fake Prometheus answering canned API responses.</summary>
public sealed class PrometheusMetricChecksTests
{
    private LoopbackHttpServer _server = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task Start()
    {
        _server = await LoopbackHttpServer.StartAsync();
        _http = new HttpClient();
    }

    [TearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [TestCase("0.5", CheckOutcome.Pass)]
    [TestCase("0.1", CheckOutcome.Pass)]
    [TestCase("0.09", CheckOutcome.Fail)]
    [TestCase("1.2", CheckOutcome.Fail)]
    [TestCase("NaN", CheckOutcome.NoData)]
    public async Task The_value_is_checked_against_min_and_max(string value, CheckOutcome expected)
    {
        _server.AnswerInOrder(Scalar(value));

        var result = (await Checks(new CustomMetricSpec { Name = "ratio", Query = "vector(1)", Min = 0.1, Max = 1 })).Single();

        Assert.That(result.Outcome, Is.EqualTo(expected), result.Detail);
        Assert.That(result.Threshold, Is.EqualTo("0.1..1"));
    }

    [Test]
    public async Task The_query_is_sent_templated_and_evaluated_at_the_tick()
    {
        _server.AnswerInOrder(Scalar("3"));
        var check = new CustomMetricSpec { Name = "errors", Query = "sum(rate(errors{ns=\"{{ namespace }}\",pod=~\"{{ canary }}-.*\"}[{{ interval }}]))", Max = 5 };

        var result = (await Checks(check)).Single();

        Assert.That(result.Outcome, Is.EqualTo(CheckOutcome.Pass));
        Assert.That(result.Value, Is.EqualTo(3));
        Assert.That(result.Threshold, Is.EqualTo("<= 5"));
        Assert.That(Uri.UnescapeDataString(_server.Requests.Single().Query),
            Is.EqualTo("?query=sum(rate(errors{ns=\"shop\",pod=~\"web-canary-.*\"}[1m]))&time=1767225600"));
    }

    [Test]
    public async Task An_empty_answer_is_no_data_never_a_pass()
    {
        _server.AnswerInOrder(CannedResponse.Json("""{"status":"success","data":{"resultType":"vector","result":[]}}"""));

        var result = (await Checks(new CustomMetricSpec { Name = "errors", Query = "sum(errors)", Max = 5 })).Single();

        Assert.That(result.Outcome, Is.EqualTo(CheckOutcome.NoData));
        Assert.That(result.Detail, Does.Contain("empty result"));
    }

    [Test]
    public async Task A_failing_query_or_an_unknown_template_is_no_data_with_the_reason()
    {
        _server.AnswerInOrder(CannedResponse.Json("""{"status":"error","errorType":"execution","error":"query timed out"}""", 503));

        var results = await Checks(
            new CustomMetricSpec { Name = "slow", Query = "sum(x)", Min = 1 },
            new CustomMetricSpec { Name = "typo", Query = "sum(x{a=\"{{ canery }}\"})", Min = 1 });

        Assert.That(results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[] { ("slow", CheckOutcome.NoData), ("typo", CheckOutcome.NoData) }));
        Assert.That(results[0].Detail, Does.Contain("execution: query timed out"));
        Assert.That(results[1].Detail, Does.Contain("{{ canery }}"));
        Assert.That(_server.Requests, Has.Count.EqualTo(1), "a query with an unknown template is not sent");
    }

    private async Task<IReadOnlyList<CheckResult>> Checks(params CustomMetricSpec[] metrics)
    {
        var spec = TestRollouts.Spec(new AnalysisSpec { Prometheus = new PrometheusSpec { Url = _server.BaseUrl }, Metrics = metrics });
        var client = new PrometheusClient(_http, spec.Analysis.Prometheus!, TimeProvider.System);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
        return await new PrometheusMetricChecks(client).EvaluateAsync(TestRollouts.Context(spec, now), CancellationToken.None);
    }

    private static CannedResponse Scalar(string value) =>
        CannedResponse.Json($$$"""{"status":"success","data":{"resultType":"scalar","result":[1767225600,"{{{value}}}"]}}""");
}
