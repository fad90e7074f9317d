using System.Text.Json.Nodes;
using KubeEmulator.Ambassador;
using NUnit.Framework;

namespace KubeEmulator.Tests.Ambassador;

[TestFixture]
public sealed class MappingReaderTests
{
    [TestCase("web", "default", "web", "default", null, "web")]
    [TestCase("web.prod", "default", "web", "prod", null, "web_prod")]
    [TestCase("web:8080", "default", "web", "default", 8080, "web_8080")]
    [TestCase("web.prod.svc.cluster.local:80", "default", "web", "prod", 80, "web_prod_svc_cluster_local_80")]
    [TestCase("https://web-canary.prod:443", "default", "web-canary", "prod", 443, "https___web_canary_prod_443")]
    public void Service_strings_resolve_and_sanitise(string service, string mappingNs, string name, string ns, int? port, string cluster)
    {
        var reference = ServiceReference.Parse(service, mappingNs);
        Assert.That(reference, Is.EqualTo(new ServiceReference(name, ns, port)));
        var mapping = MappingReader.FromResource(Mapping(new JsonObject { ["prefix"] = "/", ["service"] = service }));
        Assert.That(mapping!.ClusterName, Is.EqualTo(cluster));
    }

    [Test]
    public void Stats_name_wins_over_the_service()
    {
        var mapping = MappingReader.FromResource(Mapping(new JsonObject { ["prefix"] = "/", ["service"] = "web", ["stats_name"] = "web-canary" }));
        Assert.That(mapping!.ClusterName, Is.EqualTo("web-canary"));
    }

    [TestCase("\"blue\"", new[] { "blue" })]
    [TestCase("[\"blue\", \"green\"]", new[] { "blue", "green" })]
    [TestCase("null", new[] { "default" })]
    public void Ambassador_id_is_a_string_or_a_list(string json, string[] expected)
    {
        var spec = new JsonObject { ["prefix"] = "/", ["service"] = "web", ["ambassador_id"] = JsonNode.Parse(json) };
        Assert.That(MappingReader.FromResource(Mapping(spec))!.AmbassadorIds, Is.EqualTo(expected));
    }

    [Test]
    public void Headers_true_means_present_and_regex_headers_are_regexes()
    {
        var mapping = MappingReader.FromResource(Mapping(new JsonObject
        {
            ["prefix"] = "/",
            ["service"] = "web",
            ["headers"] = new JsonObject { ["x-canary"] = true, ["x-user"] = "qa" },
            ["regex_headers"] = new JsonObject { ["cookie"] = "^canary=.*$" },
        }))!;
        Assert.That(mapping.Headers, Is.EquivalentTo(new[]
        {
            new HeaderMatch("x-canary", null, false),
            new HeaderMatch("x-user", "qa", false),
            new HeaderMatch("cookie", "^canary=.*$", true),
        }));
    }

    [Test]
    public void Broken_annotation_yields_no_mappings()
    {
        var service = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "web",
                ["namespace"] = "default",
                ["annotations"] = new JsonObject { ["getambassador.io/config"] = "kind: Mapping\n  bad: [indent" },
            },
        };
        Assert.That(MappingReader.FromServiceAnnotation(service), Is.Empty);
    }

    private static JsonObject Mapping(JsonObject spec) => new()
    {
        ["apiVersion"] = "getambassador.io/v3alpha1",
        ["kind"] = "Mapping",
        ["metadata"] = new JsonObject { ["name"] = "m", ["namespace"] = "default" },
        ["spec"] = spec,
    };
}
