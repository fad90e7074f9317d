namespace KubeEmulator.Api;

/// <summary>The getambassador.io versions each CRD set serves, and the one it stores.</summary>
internal static class MappingVersions
{
    public static IReadOnlyList<string> Served(AmbassadorCrdSet set) => set switch
    {
        AmbassadorCrdSet.Emissary3 => ["v1", "v2", "v3alpha1"],
        AmbassadorCrdSet.Emissary4 => ["v3alpha1"],
        _ => [],
    };

    /// <summary>Emissary 3.10's CRD marks v2 as the storage version; Emissary 4.1's only version is v3alpha1.</summary>
    public static string Storage(AmbassadorCrdSet set) => set == AmbassadorCrdSet.Emissary3 ? "v2" : "v3alpha1";

    public static string? CrdFileName(AmbassadorCrdSet set) => set switch
    {
        AmbassadorCrdSet.Emissary3 => "emissary-crds-v3.10.0.yaml",
        AmbassadorCrdSet.Emissary4 => "emissary-crds-v4.1-v3alpha1.yaml",
        _ => null,
    };
}
