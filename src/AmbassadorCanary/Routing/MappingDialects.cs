using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Routing;

/// <summary>What differs between the Mapping dialects.</summary>
internal static class MappingDialects
{
    public const string Group = "getambassador.io";
    public const string Plural = "mappings";

    /// <summary>The annotation (Ambassador 0.x) dialect's Mapping documents.</summary>
    public const string AnnotationApiVersion = "ambassador/v1";
    public const string AnnotationKey = "getambassador.io/config";

    public static string Version(MappingDialect dialect) => dialect switch
    {
        MappingDialect.V3Alpha1 => "v3alpha1",
        MappingDialect.V2 => "v2",
        MappingDialect.V1 => "v1",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "not a CRD dialect"),
    };

    public static MappingDialect? FromVersion(string? version) => version switch
    {
        "v3alpha1" => MappingDialect.V3Alpha1,
        "v2" => MappingDialect.V2,
        "v1" => MappingDialect.V1,
        _ => null,
    };

    /// <summary>v3alpha1 matches hosts by `hostname` (`host` is deprecated there); the older dialects by `host`.</summary>
    public static string? HostOf(MappingDialect dialect, System.Text.Json.Nodes.JsonObject spec) => dialect == MappingDialect.V3Alpha1
        ? (string?)spec["hostname"] ?? (string?)spec["host"]
        : (string?)spec["host"];

    /// <summary>v3alpha1 wants ambassador_id as a list; the older dialects take a string, or a list for several.</summary>
    public static bool AmbassadorIdIsList(MappingDialect dialect) => dialect == MappingDialect.V3Alpha1;
}
