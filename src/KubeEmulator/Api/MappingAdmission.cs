using System.Text.Json.Nodes;
using KubeEmulator.Schema;

namespace KubeEmulator.Api;

/// <summary>
/// Validates Mapping writes against the CRD schema of the version written, as the API server does:
/// violations are a 422 naming each field; unknown fields are pruned and reported as warnings.
/// </summary>
internal sealed class MappingAdmission
{
    private readonly MappingSchemaValidator? _validator;

    public MappingAdmission(EmulatorOptions options)
    {
        var file = MappingVersions.CrdFileName(options.CrdSet);
        if (file is null)
        {
            return;
        }

        _validator = options.CrdDirectory is null
            ? MappingSchemaValidator.BuiltIn()
            : MappingSchemaValidator.FromCrdFile(Path.Combine(options.CrdDirectory, file));
    }

    /// <summary>The object to store (pruned), or a 422 ApiException.</summary>
    public JsonObject Admit(string version, JsonObject mapping, List<string> warnings)
    {
        if (_validator is null)
        {
            return mapping;
        }

        var result = _validator.Validate(version, mapping);
        if (result.Violations.Count > 0)
        {
            throw Invalid((string?)mapping["metadata"]?["name"] ?? "", result.Violations);
        }

        warnings.AddRange(result.Warnings);
        return result.Pruned;
    }

    private static ApiException Invalid(string name, IReadOnlyList<SchemaViolation> violations)
    {
        var texts = violations.Select(v => v.Path.Length == 0 ? v.Message : $"{v.Path}: {v.Message}").ToList();
        var summary = texts.Count == 1 ? texts[0] : $"[{string.Join(", ", texts)}]";
        var causes = new JsonArray();
        foreach (var v in violations)
        {
            causes.Add((JsonNode)new JsonObject { ["reason"] = CauseReason(v.Message), ["message"] = v.Message, ["field"] = v.Path });
        }

        var details = new JsonObject { ["name"] = name, ["group"] = "getambassador.io", ["kind"] = "Mapping", ["causes"] = causes };
        return new ApiException(422, "Invalid", $"Mapping.getambassador.io \"{name}\" is invalid: {summary}", details);
    }

    private static string CauseReason(string message) => message switch
    {
        _ when message.Contains("must be of type", StringComparison.Ordinal) => "FieldValueTypeInvalid",
        _ when message.StartsWith("Required value", StringComparison.Ordinal) => "FieldValueRequired",
        _ when message.StartsWith("Unsupported value", StringComparison.Ordinal) => "FieldValueNotSupported",
        _ => "FieldValueInvalid",
    };
}
