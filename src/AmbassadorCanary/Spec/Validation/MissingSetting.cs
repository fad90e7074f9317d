using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>Shared wording for a value that is required but not given by any source.</summary>
internal static class MissingSetting
{
    public static SpecError Error(SpecSetting setting, string what)
    {
        var ways = setting.Flag is null
            ? $"'{setting.YamlPath}' in the spec file"
            : $"--{setting.Flag}, input {setting.GitHubInput} / {setting.AzureInput}, or '{setting.YamlPath}' in the spec file";
        return SettingOrigin.Missing(setting).Error($"{what} is required; give {ways}");
    }
}
