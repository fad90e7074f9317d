using System.Text.Json.Nodes;
using KubeEmulator.Schema;
using NUnit.Framework;

namespace KubeEmulator.Tests.Schema;

[TestFixture]
public sealed class BuiltInMappingSchemaTests
{
    private static readonly MappingSchemaValidator Validator = MappingSchemaValidator.BuiltIn();

    [Test]
    public void Serves_the_three_mapping_versions()
    {
        Assert.That(Validator.Versions, Is.EquivalentTo(new[] { "v1", "v2", "v3alpha1" }));
    }

    [TestCase("v1")]
    [TestCase("v2")]
    [TestCase("v3alpha1")]
    public void Valid_mapping_passes(string version)
    {
        var result = Validator.Validate(version, MappingSamples.Valid(version));

        Assert.That(result.Violations, Is.Empty);
        Assert.That(result.Warnings, Is.Empty);
    }

    [TestCase("v2", 101, "Invalid value: 101: spec.weight in body should be less than or equal to 100")]
    [TestCase("v3alpha1", -1, "Invalid value: -1: spec.weight in body should be greater than or equal to 0")]
    public void Weight_outside_0_to_100_is_rejected(string version, int weight, string message)
    {
        var result = Validator.Validate(version, MappingSamples.With(version, s => s["weight"] = weight));

        Assert.That(result.Violations.Single(), Is.EqualTo(new SchemaViolation("spec.weight", message)));
    }

    [TestCase("v1")]
    [TestCase("v2")]
    [TestCase("v3alpha1")]
    public void Missing_prefix_and_service_are_required(string version)
    {
        var result = Validator.Validate(version, MappingSamples.With(version, s =>
        {
            s.Remove("prefix");
            s.Remove("service");
        }));

        Assert.That(result.Violations.Select(v => v.ToString()), Is.EquivalentTo(new[] { "spec.prefix: Required value", "spec.service: Required value" }));
    }

    [TestCase("v1", "\"default\"", true)]
    [TestCase("v2", "[\"a\", \"b\"]", true)]
    [TestCase("v2", "7", false)]
    [TestCase("v2", "[\"a\", 1]", false)]
    [TestCase("v3alpha1", "[\"a\"]", true)]
    [TestCase("v3alpha1", "\"default\"", false)]
    public void Ambassador_id_shape_depends_on_the_version(string version, string json, bool valid)
    {
        var result = Validator.Validate(version, MappingSamples.With(version, s => s["ambassador_id"] = JsonNode.Parse(json)));

        Assert.That(result.IsValid, Is.EqualTo(valid), string.Join("; ", result.Violations));
        Assert.That(result.Violations.Select(v => v.Path), Is.All.StartsWith("spec.ambassador_id"));
    }

    [Test]
    public void Fields_it_does_not_know_are_kept()
    {
        var result = Validator.Validate("v3alpha1", MappingSamples.With("v3alpha1", s => s["cors"] = new JsonObject { ["origins"] = "*" }));

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Pruned["spec"]!["cors"], Is.Not.Null);
    }
}
