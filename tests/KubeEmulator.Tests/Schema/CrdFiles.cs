using System.Reflection;
using KubeEmulator.Schema;
using NUnit.Framework;

namespace KubeEmulator.Tests.Schema;

/// <summary>The real Emissary CRD files in ../shared/crds, read in place (never copied).</summary>
internal static class CrdFiles
{
    public const string Emissary310 = "emissary-crds-v3.10.0.yaml";
    public const string Emissary41 = "emissary-crds-v4.1-v3alpha1.yaml";

    private static readonly Dictionary<string, MappingSchemaValidator> Cache = [];

    public static string SharedDir { get; } = typeof(CrdFiles).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "SharedDir").Value!;

    public static string PathOf(string file) => Path.Combine(SharedDir, "crds", file);

    public static MappingSchemaValidator Validator(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var validator))
            {
                validator = MappingSchemaValidator.FromCrdFile(PathOf(file));
                Cache[file] = validator;
            }

            return validator;
        }
    }

    /// <summary>Every (file, served version) pair.</summary>
    public static IEnumerable<TestCaseData> ServedVersions()
    {
        yield return new TestCaseData(Emissary310, "v1");
        yield return new TestCaseData(Emissary310, "v2");
        yield return new TestCaseData(Emissary310, "v3alpha1");
        yield return new TestCaseData(Emissary41, "v3alpha1");
    }

    public static IEnumerable<TestCaseData> V3Alpha1()
    {
        yield return new TestCaseData(Emissary310, "v3alpha1");
        yield return new TestCaseData(Emissary41, "v3alpha1");
    }
}
