using System.Text.Json.Nodes;

namespace KubeEmulator.Schema;

/// <summary>
/// Validates getambassador.io Mappings as the API server does with the CRD's structural schema:
/// types, enums, required fields, bounds and patterns are violations (422); unknown fields are pruned with a warning.
/// </summary>
public sealed class MappingSchemaValidator
{
    public const string CrdName = "mappings.getambassador.io";

    private readonly IReadOnlyDictionary<string, StructuralSchema> _schemas;

    private MappingSchemaValidator(IReadOnlyDictionary<string, StructuralSchema> schemas) => _schemas = schemas;

    /// <summary>Served versions, e.g. v1, v2, v3alpha1.</summary>
    public IReadOnlyCollection<string> Versions => _schemas.Keys.ToList();

    /// <summary>Reads the Mapping CRD from a multi-document CRD YAML file (the real Emissary CRDs).</summary>
    /// <exception cref="InvalidDataException">The file has no Mapping CRD, or it is malformed.</exception>
    public static MappingSchemaValidator FromCrdFile(string path) => new(CrdSchemaReader.ServedSchemas(path, CrdName));

    /// <summary>
    /// A small structural check for the sandbox, where no CRD file is at hand. It knows only the core Mapping fields
    /// (see <see cref="BuiltInMappingSchemas"/>) and keeps every other spec field; the real schema is far larger.
    /// </summary>
    public static MappingSchemaValidator BuiltIn() => new(BuiltInMappingSchemas.Create());

    /// <exception cref="ArgumentException">The version is not served.</exception>
    public SchemaValidationResult Validate(string version, JsonObject mapping)
    {
        if (!_schemas.TryGetValue(version, out var schema))
        {
            throw new ArgumentException($"Mapping version {version} is not served (served: {string.Join(", ", _schemas.Keys)})", nameof(version));
        }

        return StructuralValidator.Validate(schema, mapping);
    }
}
