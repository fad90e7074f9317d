using System.Text.Json.Nodes;
using AmbassadorCanary.Routing;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Routing;

public sealed class AnnotationYamlTests
{
    [Test]
    public void Documents_round_trip_with_their_types()
    {
        var docs = new List<JsonObject>
        {
            new() { ["apiVersion"] = "ambassador/v1", ["kind"] = "Mapping", ["name"] = "web", ["prefix"] = "/web/", ["service"] = "https://web.prod:8443", ["weight"] = 10, ["bypass_auth"] = true },
            new() { ["name"] = "odd", ["version"] = "10", ["flag"] = "true", ["empty"] = "", ["headers"] = new JsonObject { ["x-canary"] = "yes: really" } },
        };

        var back = AnnotationYaml.Read(AnnotationYaml.Write(docs));

        Assert.That(back, Has.Count.EqualTo(2));
        Assert.That(JsonNode.DeepEquals(back[0], docs[0]), Is.True, back[0].ToJsonString());
        Assert.That(JsonNode.DeepEquals(back[1], docs[1]), Is.True, back[1].ToJsonString());
    }

    [Test]
    public void Plain_scalars_are_typed_and_quoted_ones_stay_strings()
    {
        var doc = AnnotationYaml.Read("---\nname: web\nweight: 5\nquoted: \"5\"\nenabled: true\nnothing: ~\n").Single();

        Assert.Multiple(() =>
        {
            Assert.That(doc["weight"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
            Assert.That((int?)doc["weight"], Is.EqualTo(5), "numbers read as int, as API numbers do");
            Assert.That((string?)doc["quoted"], Is.EqualTo("5"));
            Assert.That((bool?)doc["enabled"], Is.True);
            Assert.That(doc["nothing"], Is.Null);
        });
    }
}
