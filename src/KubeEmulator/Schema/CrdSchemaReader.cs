using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace KubeEmulator.Schema;

/// <summary>Finds one CustomResourceDefinition in a multi-document YAML file and reads the schema of each served version.</summary>
internal static class CrdSchemaReader
{
    public static IReadOnlyDictionary<string, StructuralSchema> ServedSchemas(string path, string crdName)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            using var reader = File.OpenText(path);
            documents = YamlJsonConverter.ReadDocuments(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}: not valid YAML: {e.Message}", e);
        }

        var crd = documents.OfType<JsonObject>().FirstOrDefault(d =>
                (string?)d["kind"] == "CustomResourceDefinition" && (string?)d["metadata"]?["name"] == crdName)
            ?? throw new InvalidDataException($"{path}: no CustomResourceDefinition named {crdName}");

        var schemas = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal);
        foreach (var version in (crd["spec"]?["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string?)version["name"] ?? throw new InvalidDataException($"{path}: {crdName}: a version has no name");
            if (version["served"] is JsonValue served && served.TryGetValue<bool>(out var isServed) && !isServed)
            {
                continue;
            }

            var schema = version["schema"]?["openAPIV3Schema"] as JsonObject
                ?? throw new InvalidDataException($"{path}: {crdName} {name}: no schema.openAPIV3Schema");
            schemas[name] = StructuralSchema.Parse(schema);
        }

        return schemas.Count > 0 ? schemas : throw new InvalidDataException($"{path}: {crdName} serves no version");
    }
}
