using System.Text.Json.Nodes;

namespace KubeEmulator.Api;

/// <summary>A JSON answer with its HTTP code and the Warning headers to send.</summary>
internal sealed record ApiResult(int StatusCode, JsonNode Body, IReadOnlyList<string> Warnings)
{
    public static ApiResult Ok(JsonNode body, IReadOnlyList<string>? warnings = null) => new(200, body, warnings ?? []);
}
