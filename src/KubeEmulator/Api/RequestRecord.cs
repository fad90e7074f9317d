namespace KubeEmulator.Api;

/// <summary>
/// One request the emulator answered. Verb is the RBAC verb (get, list, watch, create, update, patch, delete, deletecollection);
/// Resource is empty for discovery. StatusCode is 0 when the client gave up before an answer (a hang fault).
/// </summary>
public sealed record RequestRecord(
    string Verb,
    string Group,
    string Version,
    string Resource,
    string? Subresource,
    string? Namespace,
    string? Name,
    int StatusCode,
    DateTimeOffset Time,
    string Method,
    string Path)
{
    /// <summary>The resource as an RBAC rule names it: "deployments" or "deployments/status".</summary>
    public string RbacResource => Subresource is null ? Resource : $"{Resource}/{Subresource}";
}
