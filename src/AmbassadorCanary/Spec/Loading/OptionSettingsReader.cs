namespace AmbassadorCanary.Spec.Loading;

/// <summary>Reads command-line flags and pipeline inputs into raw settings; unknown names are errors with a suggestion.</summary>
internal static class OptionSettingsReader
{
    private static readonly IReadOnlyList<string> FlagNames = SpecSettings.All.Where(s => s.Flag is not null).Select(s => s.Flag!).ToList();

    public static IReadOnlyList<RawSetting> ReadFlags(IReadOnlyList<CommandLineOption> flags, IReadOnlySet<string> external, ICollection<SpecError> errors)
    {
        var result = new List<RawSetting>();
        foreach (var group in flags.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            var origin = SettingOrigin.Flag(group.Key);
            if (external.Contains(group.Key))
            {
                continue;
            }

            var setting = SpecSettings.FindByFlag(group.Key);
            if (setting is null)
            {
                var suggestion = SpecSettings.FindByInput(group.Key)?.Flag ?? NameSuggester.Closest(group.Key, FlagNames.Concat(external));
                errors.Add(origin.Error($"unknown flag{NameSuggester.Hint(suggestion is null ? null : "--" + suggestion)}"));
                continue;
            }

            var texts = new List<string>();
            foreach (var option in group)
            {
                if (option.Value is null && setting.Type != SettingType.Boolean)
                {
                    errors.Add(origin.Error("needs a value"));
                    continue;
                }

                texts.Add(option.Value ?? "true");
            }

            if (texts.Count > 1 && !setting.Repeatable)
            {
                errors.Add(origin.Error($"given {texts.Count} times; give it once"));
                continue;
            }

            if (texts.Count > 0)
            {
                result.Add(new RawSetting(setting, origin, texts));
            }
        }

        return result;
    }

    public static IReadOnlyList<RawSetting> ReadInputs(IReadOnlyList<PipelineInput> inputs, IReadOnlySet<string> external, ICollection<SpecError> errors)
    {
        var externalInputs = new HashSet<string>(external.Concat(external.Select(SpecSetting.CamelCase)), StringComparer.OrdinalIgnoreCase);
        var inputNames = SpecSettings.All.Where(s => s.Flag is not null).SelectMany(s => new[] { s.GitHubInput!, s.AzureInput! }).Distinct().ToList();
        var bySetting = new Dictionary<SpecSetting, RawSetting>();
        foreach (var input in inputs)
        {
            if (input.Value.Length == 0 || externalInputs.Contains(input.Name))
            {
                continue;
            }

            var origin = SettingOrigin.Input(input.Name);
            var setting = SpecSettings.FindByInput(input.Name);
            if (setting is null)
            {
                errors.Add(origin.Error($"unknown input{NameSuggester.Hint(NameSuggester.Closest(input.Name, inputNames))}"));
                continue;
            }

            // A multi-line input holds one list entry per line, as action inputs often do.
            var texts = setting.Repeatable
                ? input.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [input.Value.Trim()];
            bySetting[setting] = new RawSetting(setting, origin, texts);
        }

        return bySetting.Values.ToList();
    }
}
