using System.Text.Json.Nodes;
using KubeEmulator.Schema;
using NUnit.Framework;

namespace KubeEmulator.Tests.Schema;

/// <summary>
/// The structural-schema keywords the real Mapping CRD barely uses, through a small CRD file written for the test:
/// int-or-string, nullable, bounds, lengths, patterns, item counts, additionalProperties, preserve-unknown-fields, defaults.
/// </summary>
[TestFixture]
public sealed class StructuralKeywordTests
{
    private const string Crd = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: not-this}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: mappings.getambassador.io}
        spec:
          group: getambassador.io
          versions:
          - name: v9
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      port: {x-kubernetes-int-or-string: true}
                      note: {type: string, nullable: true}
                      ratio: {type: number, minimum: 0, maximum: 1, exclusiveMaximum: true}
                      name: {type: string, minLength: 2, maxLength: 5, pattern: '^[a-z]+$'}
                      tags: {type: array, minItems: 1, maxItems: 2, items: {type: string}}
                      labels: {type: object, additionalProperties: {type: integer}}
                      free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      open: {type: object, additionalProperties: true}
                      count: {type: integer, format: int32}
                      mode: {type: string, enum: [a, b], default: a}
          - name: v0
            served: false
            storage: false
            schema:
              openAPIV3Schema: {type: object}
        """;

    private static MappingSchemaValidator _validator = null!;
    private static string _path = "";

    [OneTimeSetUp]
    public static void WriteCrd()
    {
        _path = Path.Combine(Path.GetTempPath(), $"crd-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(_path, Crd);
        _validator = MappingSchemaValidator.FromCrdFile(_path);
    }

    [OneTimeTearDown]
    public static void DeleteCrd() => File.Delete(_path);

    [Test]
    public void Only_served_versions_are_listed()
    {
        Assert.That(_validator.Versions, Is.EqualTo(new[] { "v9" }));
    }

    [TestCase("""{"port": 8080}""")]
    [TestCase("""{"port": "http"}""")]
    [TestCase("""{"note": null}""")]
    [TestCase("""{"ratio": 0.5, "name": "abc", "tags": ["x"], "labels": {"a": 1}, "count": 7}""")]
    [TestCase("""{"free": {"anything": [1, {"deep": true}]}, "open": {"k": "v"}}""")]
    public void Valid_values_pass(string spec)
    {
        var result = _validator.Validate("v9", Mapping(spec));

        Assert.That(result.Violations, Is.Empty);
        Assert.That(result.Warnings, Is.Empty);
    }

    [TestCase("""{"port": true}""", "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"")]
    [TestCase("""{"ratio": 1}""", "spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1")]
    [TestCase("""{"ratio": -0.5}""", "spec.ratio: Invalid value: -0.5: spec.ratio in body should be greater than or equal to 0")]
    [TestCase("""{"name": "a"}""", "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long")]
    [TestCase("""{"name": "abcdef"}""", "spec.name: Too long: may not be more than 5 bytes")]
    [TestCase("""{"name": "AB"}""", "spec.name: Invalid value: \"AB\": spec.name in body should match '^[a-z]+$'")]
    [TestCase("""{"tags": []}""", "spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items")]
    [TestCase("""{"tags": ["a", "b", "c"]}""", "spec.tags: Too many: 3: must have at most 2 items")]
    [TestCase("""{"labels": {"a": "one"}}""", "spec.labels.a: Invalid value: \"string\": spec.labels.a in body must be of type integer: \"string\"")]
    [TestCase("""{"count": 3000000000}""", "spec.count: Invalid value: 3000000000: spec.count in body must be of type int32: 3000000000")]
    [TestCase("""{"mode": "c"}""", "spec.mode: Unsupported value: \"c\": supported values: \"a\", \"b\"")]
    [TestCase("""{"tags": [null]}""", "spec.tags[0]: Invalid value: \"null\": spec.tags[0] in body must be of type string: \"null\"")]
    public void Each_keyword_is_enforced_in_the_servers_words(string spec, string expected)
    {
        var result = _validator.Validate("v9", Mapping(spec));

        Assert.That(result.Violations.Select(v => v.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Defaults_are_applied_and_unknown_fields_pruned()
    {
        var result = _validator.Validate("v9", Mapping("""{"extra": 1, "free": {"kept": 1}}"""));

        Assert.That((string?)result.Pruned["spec"]!["mode"], Is.EqualTo("a"));
        Assert.That(result.Pruned["spec"]!["free"]!["kept"], Is.Not.Null);
        Assert.That(result.Warnings, Is.EqualTo(new[] { "unknown field \"spec.extra\"" }));
    }

    private static JsonObject Mapping(string spec) => new()
    {
        ["apiVersion"] = "getambassador.io/v9",
        ["kind"] = "Mapping",
        ["metadata"] = new JsonObject { ["name"] = "m" },
        ["spec"] = JsonNode.Parse(spec),
    };
}
