using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>One resource at one group version, as discovery lists it.</summary>
internal sealed record ServedResource(ResourceType Type, string Version, string Singular, IReadOnlyList<string> ShortNames, bool HasStatus)
{
    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string Group => Type.Group;

    public string GroupVersion => Type.Group.Length == 0 ? Version : $"{Type.Group}/{Version}";

    public bool IsCustomResource => Type == ResourceType.Mappings;
}
