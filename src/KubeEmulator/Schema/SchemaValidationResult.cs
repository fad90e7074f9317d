using System.Text.Json.Nodes;

namespace KubeEmulator.Schema;

/// <summary>
/// Outcome of validating one Mapping. Pruned is a copy of the input without the fields the schema does not allow
/// (the API server drops those rather than rejecting them); Warnings name each dropped field as
/// <c>unknown field "spec.foo"</c>, the text the server sends back in its Warning headers.
/// </summary>
public sealed record SchemaValidationResult(IReadOnlyList<SchemaViolation> Violations, JsonObject Pruned, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Violations.Count == 0;
}
