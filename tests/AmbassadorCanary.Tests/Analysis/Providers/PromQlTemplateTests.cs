using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

public sealed class PromQlTemplateTests
{
    [Test]
    public void Fills_every_template_from_the_tick()
    {
        var spec = TestRollouts.Spec(interval: TimeSpan.FromSeconds(90));
        var context = TestRollouts.Context(spec, DateTimeOffset.UnixEpoch);
        const string query = "sum(rate(http_errors{namespace=\"{{ namespace }}\",deployment=~\"{{target}}|{{  primary  }}\",pod=~\"{{ canary }}-.*\"}[{{ interval }}]))";

        var rendered = PromQlTemplate.Render(query, PromQlTemplate.ValuesFor(context));

        Assert.That(rendered, Is.EqualTo("sum(rate(http_errors{namespace=\"shop\",deployment=~\"web|web\",pod=~\"web-canary-.*\"}[90s]))"));
    }

    [Test]
    public void Unknown_templates_are_reported_all_at_once()
    {
        const string query = "x{a=\"{{ namspace }}\",b=\"{{ canary }}\",c=\"{{ stage }}\"}";

        Assert.That(PromQlTemplate.Errors(query), Has.Count.EqualTo(2));
        Assert.That(PromQlTemplate.Errors(query)[0], Does.Contain("{{ namspace }}").And.Contain("{{ namespace }}"));
        Assert.That(() => PromQlTemplate.Render(query, new Dictionary<string, string>()), Throws.ArgumentException.With.Message.Contain("{{ stage }}"));
        Assert.That(PromQlTemplate.Errors("sum(up)"), Is.Empty);
    }

    [TestCase(60, "1m")]
    [TestCase(90, "90s")]
    [TestCase(7200, "2h")]
    [TestCase(5400, "90m")]
    [TestCase(1.5, "1500ms")]
    [TestCase(0, "1ms")]
    public void Durations_use_the_largest_whole_unit(double seconds, string expected)
    {
        Assert.That(PrometheusDuration.Format(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));
    }

    [Test]
    public void Built_in_queries_select_the_cluster_by_stats_name()
    {
        Assert.That(EmissaryQueries.Requests("web-canary", "1m"),
            Is.EqualTo("sum(increase(envoy_cluster_upstream_rq_total{envoy_cluster_name=~\"web-canary|web_canary\"}[1m]))"));
        Assert.That(EmissaryQueries.Errors5xx("web_canary", "30s"),
            Is.EqualTo("sum(increase(envoy_cluster_upstream_rq_xx{envoy_cluster_name=\"web_canary\",envoy_response_code_class=\"5\"}[30s]))"));
        Assert.That(EmissaryQueries.LatencyBuckets("api.v2", "2m"),
            Is.EqualTo("sum by (le) (increase(envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=~\"api\\\\.v2|api_v2\"}[2m]))"));
        Assert.That(EmissaryQueries.LatencyP99("web", "1m"), Does.StartWith("histogram_quantile(0.99, sum by (le)"));
    }
}
