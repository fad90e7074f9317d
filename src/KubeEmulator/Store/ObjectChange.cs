using System.Text.Json.Nodes;

namespace KubeEmulator.Store;

public enum ChangeType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One committed write. Object is a private copy, safe to keep.</summary>
public sealed record ObjectChange(ChangeType Type, ResourceType Resource, string Namespace, string Name, JsonObject Object, long ResourceVersion);
