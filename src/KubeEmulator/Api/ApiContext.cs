using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>What every endpoint shares: the store, what is served, and how objects are converted and admitted.</summary>
internal sealed record ApiContext(
    ObjectStore Store,
    ResourceCatalog Catalog,
    ObjectCodec Codec,
    MappingAdmission Admission,
    ChangeHistory History,
    EmulatorOptions Options);

/// <summary>A JSON answer with its HTTP code and the Warning headers to send.</summary>
internal sealed record ApiResult(int StatusCode, System.Text.Json.Nodes.JsonNode Body, IReadOnlyList<string> Warnings)
{
    public static ApiResult Ok(System.Text.Json.Nodes.JsonNode body, IReadOnlyList<string>? warnings = null) => new(200, body, warnings ?? []);
}
