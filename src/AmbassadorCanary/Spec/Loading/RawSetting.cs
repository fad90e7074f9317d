using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>
/// A setting's value as given, before parsing: the texts of every occurrence of a flag or input,
/// or the YAML node from the spec file.
/// </summary>
internal sealed record RawSetting(SpecSetting Setting, SettingOrigin Origin, IReadOnlyList<string> Texts, YamlNode? Node = null)
{
    public static RawSetting FromNode(SpecSetting setting, SettingOrigin origin, YamlNode node) => new(setting, origin, [], node);
}
