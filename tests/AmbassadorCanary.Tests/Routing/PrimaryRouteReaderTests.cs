using System.Text.Json.Nodes;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Routing;

public sealed class PrimaryRouteReaderTests
{
    private static readonly TargetSpec Target = new() { Namespace = "prod", Deployment = "web", Images = new Dictionary<string, string> { ["web"] = "web:2" } };

    [Test]
    public void A_weighted_primary_is_named_in_a_clear_error()
    {
        var primary = Read(new JsonObject { ["prefix"] = "/", ["service"] = "web", ["weight"] = 100 });

        var problems = PrimaryRouteReader.Problems(primary, Target);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("Mapping prod/web has weight 100: the primary Mapping must carry no weight"));
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var primary = Read(new JsonObject { ["prefix"] = "/", ["service"] = "api.other:80", ["weight"] = 50 });

        var problems = PrimaryRouteReader.Problems(primary, Target with { Service = "web" });

        Assert.That(problems, Has.Count.EqualTo(3));
        Assert.That(problems, Has.Some.Contains("routes to service 'api', but the target Service is 'web'"));
        Assert.That(problems, Has.Some.Contains("namespace 'other'"));
    }

    [Test]
    public void An_unweighted_primary_in_the_target_namespace_is_fine() =>
        Assert.That(PrimaryRouteReader.Problems(Read(new JsonObject { ["prefix"] = "/", ["service"] = "https://web.prod:8443" }), Target), Is.Empty);

    [TestCase(MappingDialect.V3Alpha1, "hostname", true)]
    [TestCase(MappingDialect.V3Alpha1, "host", true)]
    [TestCase(MappingDialect.V2, "host", true)]
    [TestCase(MappingDialect.V2, "hostname", false)]
    public void Prefix_and_host_matching_uses_the_dialects_field(MappingDialect dialect, string field, bool matches)
    {
        var spec = new JsonObject { ["prefix"] = "/web/", [field] = "shop.example.com", ["service"] = "web" };

        Assert.That(PrimaryRouteReader.Matches(spec, dialect, new RouteSpec { Prefix = "/web/", Host = "shop.example.com" }), Is.EqualTo(matches));
    }

    [Test]
    public void The_schema_validator_used_by_the_golden_tests_rejects_a_bad_mapping()
    {
        var bad = new JsonObject
        {
            ["apiVersion"] = "getambassador.io/v3alpha1",
            ["kind"] = "Mapping",
            ["metadata"] = new JsonObject { ["name"] = "web-canary", ["namespace"] = "prod" },
            ["spec"] = new JsonObject { ["prefix"] = "/", ["service"] = "web-canary", ["weight"] = "ten" },
        };

        Assert.That(GoldenFiles.Emissary4.Validate("v3alpha1", bad).IsValid, Is.False);
    }

    private static PrimaryRoute Read(JsonObject spec) => PrimaryRouteReader.FromCrd(new JsonObject
    {
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "prod" },
        ["spec"] = spec,
    }, MappingDialect.V3Alpha1);
}
