using System.Text.Json.Nodes;
using KubeEmulator.Schema;
using NUnit.Framework;

namespace KubeEmulator.Tests.Schema;

[TestFixture]
public sealed class MappingSchemaValidatorTests
{
    [TestCase(CrdFiles.Emissary310, new[] { "v1", "v2", "v3alpha1" })]
    [TestCase(CrdFiles.Emissary41, new[] { "v3alpha1" })]
    public void FromCrdFile_lists_the_served_versions(string file, string[] expected)
    {
        Assert.That(CrdFiles.Validator(file).Versions, Is.EquivalentTo(expected));
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.ServedVersions))]
    public void Valid_mapping_passes_unchanged(string file, string version)
    {
        var mapping = MappingSamples.Valid(version);

        var result = CrdFiles.Validator(file).Validate(version, mapping);

        Assert.That(result.Violations, Is.Empty);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Warnings, Is.Empty);
        Assert.That(JsonNode.DeepEquals(result.Pruned, mapping), Is.True, result.Pruned.ToJsonString());
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.ServedVersions))]
    public void String_weight_is_a_type_error_in_the_servers_words(string file, string version)
    {
        var mapping = MappingSamples.With(version, s => s["weight"] = "ten");

        var result = CrdFiles.Validator(file).Validate(version, mapping);

        Assert.That(result.Violations.Select(v => v.ToString()), Is.EqualTo(new[]
        {
            "spec.weight: Invalid value: \"string\": spec.weight in body must be of type integer: \"string\"",
        }));
        Assert.That(result.Violations[0].Path, Is.EqualTo("spec.weight"));
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.ServedVersions))]
    public void Fractional_weight_is_a_number_not_an_integer(string file, string version)
    {
        var result = CrdFiles.Validator(file).Validate(version, MappingSamples.With(version, s => s["weight"] = 12.5));

        Assert.That(result.Violations.Single().Message, Is.EqualTo("Invalid value: \"number\": spec.weight in body must be of type integer: \"number\""));
    }

    [Test]
    public void Integral_float_weight_is_accepted_as_the_server_does()
    {
        var result = CrdFiles.Validator(CrdFiles.Emissary41).Validate("v3alpha1", MappingSamples.With("v3alpha1", s => s["weight"] = JsonNode.Parse("10.0")));

        Assert.That(result.Violations, Is.Empty);
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.V3Alpha1))]
    public void String_ambassador_id_is_rejected_by_v3alpha1(string file, string version)
    {
        var result = CrdFiles.Validator(file).Validate(version, MappingSamples.With(version, s => s["ambassador_id"] = "default"));

        Assert.That(result.Violations.Select(v => v.ToString()), Is.EqualTo(new[]
        {
            "spec.ambassador_id: Invalid value: \"string\": spec.ambassador_id in body must be of type array: \"string\"",
        }));
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.V3Alpha1))]
    public void Non_string_ambassador_id_entry_is_rejected_by_v3alpha1(string file, string version)
    {
        var result = CrdFiles.Validator(file).Validate(version, MappingSamples.With(version, s => s["ambassador_id"] = new JsonArray("default", 7)));

        Assert.That(result.Violations.Single().Path, Is.EqualTo("spec.ambassador_id[1]"));
    }

    [TestCase("v1")]
    [TestCase("v2")]
    public void Legacy_versions_keep_ambassador_id_of_either_shape(string version)
    {
        var validator = CrdFiles.Validator(CrdFiles.Emissary310);

        Assert.That(validator.Validate(version, MappingSamples.With(version, s => s["ambassador_id"] = "blue")).Violations, Is.Empty);
        Assert.That(validator.Validate(version, MappingSamples.With(version, s => s["ambassador_id"] = new JsonArray("blue"))).Violations, Is.Empty);
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.ServedVersions))]
    public void Unknown_enum_value_lists_the_supported_values(string file, string version)
    {
        var result = CrdFiles.Validator(file).Validate(version, MappingSamples.With(version, s => s["load_balancer"] = new JsonObject { ["policy"] = "random" }));

        Assert.That(result.Violations.Select(v => v.ToString()), Is.EqualTo(new[]
        {
            "spec.load_balancer.policy: Unsupported value: \"random\": supported values: \"round_robin\", \"ring_hash\", \"maglev\", \"least_request\"",
        }));
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.ServedVersions))]
    public void Missing_required_fields_are_each_named(string file, string version)
    {
        var mapping = MappingSamples.With(version, s =>
        {
            s.Remove("service");
            s["load_balancer"] = new JsonObject { ["source_ip"] = true };
        });

        var result = CrdFiles.Validator(file).Validate(version, mapping);

        Assert.That(result.Violations.Select(v => v.ToString()), Is.EquivalentTo(new[]
        {
            "spec.service: Required value",
            "spec.load_balancer.policy: Required value",
        }));
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.V3Alpha1))]
    public void Unknown_spec_field_is_pruned_with_a_warning_in_v3alpha1(string file, string version)
    {
        var result = CrdFiles.Validator(file).Validate(version, MappingSamples.With(version, s => s["foo"] = "bar"));

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Warnings, Is.EqualTo(new[] { "unknown field \"spec.foo\"" }));
        Assert.That(result.Pruned["spec"]!.AsObject().ContainsKey("foo"), Is.False);
        Assert.That((string?)result.Pruned["spec"]!["prefix"], Is.EqualTo("/web/"));
    }

    [TestCase("v1")]
    [TestCase("v2")]
    public void Legacy_spec_preserves_unknown_fields(string version)
    {
        var result = CrdFiles.Validator(CrdFiles.Emissary310).Validate(version, MappingSamples.With(version, s => s["foo"] = "bar"));

        Assert.That(result.Warnings, Is.Empty);
        Assert.That((string?)result.Pruned["spec"]!["foo"], Is.EqualTo("bar"));
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.ServedVersions))]
    public void Unknown_top_level_and_nested_fields_are_pruned_but_metadata_is_left_alone(string file, string version)
    {
        var mapping = MappingSamples.With(version, s => s["load_balancer"]!["colour"] = "blue");
        mapping["extra"] = 1;
        mapping["metadata"]!["whatever"] = "kept";

        var result = CrdFiles.Validator(file).Validate(version, mapping);

        Assert.That(result.Warnings, Is.EquivalentTo(new[] { "unknown field \"extra\"", "unknown field \"spec.load_balancer.colour\"" }));
        Assert.That(result.Pruned.ContainsKey("extra"), Is.False);
        Assert.That((string?)result.Pruned["metadata"]!["whatever"], Is.EqualTo("kept"));
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.ServedVersions))]
    public void Every_violation_is_reported_at_once(string file, string version)
    {
        var mapping = MappingSamples.With(version, s =>
        {
            s.Remove("prefix");
            s["weight"] = true;
            s["timeout_ms"] = "3s";
            s["precedence"] = "high";
            s["error_response_overrides"] = new JsonArray(new JsonObject { ["on_status_code"] = 200, ["body"] = new JsonObject() });
        });

        var result = CrdFiles.Validator(file).Validate(version, mapping);

        Assert.That(result.Violations.Select(v => v.Path), Is.EquivalentTo(new[]
        {
            "spec.prefix", "spec.weight", "spec.timeout_ms", "spec.precedence", "spec.error_response_overrides[0].on_status_code",
        }));
        Assert.That(result.Violations.Single(v => v.Path.EndsWith("on_status_code", StringComparison.Ordinal)).Message,
            Is.EqualTo("Invalid value: 200: spec.error_response_overrides[0].on_status_code in body should be greater than or equal to 400"));
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.ServedVersions))]
    public void Null_of_a_non_nullable_field_is_pruned_not_rejected(string file, string version)
    {
        var result = CrdFiles.Validator(file).Validate(version, MappingSamples.With(version, s => s["rewrite"] = null));

        Assert.That(result.Violations, Is.Empty);
        Assert.That(result.Pruned["spec"]!.AsObject().ContainsKey("rewrite"), Is.False);
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.V3Alpha1))]
    public void Empty_error_response_override_list_breaks_min_items(string file, string version)
    {
        var result = CrdFiles.Validator(file).Validate(version, MappingSamples.With(version, s => s["error_response_overrides"] = new JsonArray()));

        Assert.That(result.Violations.Select(v => v.ToString()), Is.EqualTo(new[]
        {
            "spec.error_response_overrides: Invalid value: 0: spec.error_response_overrides in body should have at least 1 items",
        }));
    }

    [Test]
    public void Unserved_version_is_an_argument_error()
    {
        var validator = CrdFiles.Validator(CrdFiles.Emissary41);

        Assert.That(() => validator.Validate("v2", MappingSamples.Valid("v2")), Throws.ArgumentException.With.Message.Contains("v2 is not served"));
    }

    [Test]
    public void File_without_a_mapping_crd_is_rejected_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-mapping-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: hosts.getambassador.io\n");
        try
        {
            Assert.That(() => MappingSchemaValidator.FromCrdFile(path),
                Throws.TypeOf<InvalidDataException>().With.Message.Contains(path).And.Message.Contains("mappings.getambassador.io"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCaseSource(typeof(CrdFiles), nameof(CrdFiles.V3Alpha1))]
    public void Map_values_are_checked_against_additional_properties_in_v3alpha1(string file, string version)
    {
        var result = CrdFiles.Validator(file).Validate(version, MappingSamples.With(version, s => s["headers"] = new JsonObject { ["x-a"] = 1 }));

        Assert.That(result.Violations.Select(v => v.ToString()), Is.EqualTo(new[]
        {
            "spec.headers.x-a: Invalid value: \"integer\": spec.headers.x-a in body must be of type string: \"integer\"",
        }));
    }
}
