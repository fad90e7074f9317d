namespace KubeEmulator.Schema;

/// <summary>
/// One schema violation, shaped like a Kubernetes field error: Path is the field ("spec.weight"),
/// Message is what the API server puts in the Status cause ("Invalid value: \"string\": spec.weight in body must be of type integer: \"string\"").
/// ToString() joins them as the server's message does ("spec.weight: Invalid value: ...").
/// </summary>
public sealed record SchemaViolation(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
