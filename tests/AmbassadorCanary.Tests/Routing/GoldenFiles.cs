using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeEmulator.Schema;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Routing;

/// <summary>Golden-file plumbing: inputs and expected outputs sit next to the tests, in the source tree.</summary>
internal static class GoldenFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Folder(string relative, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here))!, relative);

    public static IEnumerable<string> Cases(string relative) =>
        Directory.GetDirectories(Folder(relative)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>Compares with expected.json; on a difference writes actual.json beside it (to review and copy over) and fails.</summary>
    public static void AssertMatches(string caseFolder, JsonNode actual)
    {
        var expectedPath = Path.Combine(caseFolder, "expected.json");
        var actualPath = Path.Combine(caseFolder, "actual.json");
        var actualText = actual.ToJsonString(Indented) + "\n";
        var expected = File.Exists(expectedPath) ? JsonNode.Parse(File.ReadAllText(expectedPath)) : null;
        if (JsonNode.DeepEquals(expected, actual))
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, actualText);
        Assert.Fail($"{caseFolder}: output differs from expected.json (written to actual.json):\n{actualText}");
    }

    public static string SharedDir => typeof(GoldenFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "SharedDir").Value!;

    public static MappingSchemaValidator Emissary3 { get; } = MappingSchemaValidator.FromCrdFile(Path.Combine(SharedDir, "crds", "emissary-crds-v3.10.0.yaml"));

    public static MappingSchemaValidator Emissary4 { get; } = MappingSchemaValidator.FromCrdFile(Path.Combine(SharedDir, "crds", "emissary-crds-v4.1-v3alpha1.yaml"));

    /// <summary>Validates a Mapping against every CRD file that serves its version; no violations and nothing pruned.</summary>
    public static void AssertValidMapping(JsonObject mapping)
    {
        var version = ((string)mapping["apiVersion"]!).Split('/')[1];
        var validators = version == "v3alpha1" ? new[] { Emissary3, Emissary4 } : [Emissary3];
        foreach (var validator in validators)
        {
            var result = validator.Validate(version, mapping);
            Assert.That(result.Violations, Is.Empty, $"{mapping["metadata"]?["name"]} ({version}): {string.Join("; ", result.Violations)}");
            Assert.That(result.Warnings, Is.Empty, $"{mapping["metadata"]?["name"]} ({version}) had fields pruned");
        }
    }
}
