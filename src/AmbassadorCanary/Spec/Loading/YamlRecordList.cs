using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>One map of a file-only list (a custom metric, a webhook): its fields by key, each with its origin.</summary>
internal sealed class YamlRecord
{
    public required SettingOrigin Origin { get; init; }

    public required IReadOnlyDictionary<string, (YamlNode Node, SettingOrigin Origin)> Fields { get; init; }

    public YamlNode? Node(string key) => Fields.TryGetValue(key, out var field) ? field.Node : null;

    public SettingOrigin OriginOf(string key) => Fields.TryGetValue(key, out var field) ? field.Origin : Origin.Child($".{key}");
}

/// <summary>Reads a YAML list of maps with a fixed set of keys; unknown and missing keys are errors.</summary>
internal static class YamlRecordList
{
    public static IReadOnlyList<YamlRecord>? Read(RawSetting raw, IReadOnlyList<string> keys, IReadOnlyList<string> required, ICollection<SpecError> errors)
    {
        if (raw.Node is not YamlSequenceNode sequence)
        {
            errors.Add(raw.Origin.Error(raw.Node is null
                ? "can be given in the spec file only"
                : $"wrong type: expected a list of maps, got a {ValueEntries.Describe(raw.Node)}"));
            return null;
        }

        var records = new List<YamlRecord>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var origin = raw.Origin.Child($"[{i}]", (int)item.Start.Line);
            if (item is not YamlMappingNode map)
            {
                errors.Add(origin.Error($"wrong type: expected a map ({string.Join(", ", keys)}), got a {ValueEntries.Describe(item)}"));
                continue;
            }

            var fields = new Dictionary<string, (YamlNode, SettingOrigin)>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                var fieldOrigin = origin.Child($".{key}", (int)keyNode.Start.Line);
                if (keys.Contains(key))
                {
                    fields[key] = (value, fieldOrigin);
                }
                else
                {
                    errors.Add(fieldOrigin.Error($"unknown key{NameSuggester.Hint(NameSuggester.Closest(key, keys))}"));
                }
            }

            foreach (var missing in required.Where(k => !fields.ContainsKey(k) || FileSettingsReader.IsEmpty(fields[k].Item1)))
            {
                errors.Add(origin.Child($".{missing}").Error("required"));
            }

            records.Add(new YamlRecord { Origin = origin, Fields = fields });
        }

        return records;
    }

    /// <summary>Each name once: later duplicates are errors.</summary>
    public static void RequireUniqueNames(IEnumerable<(string Name, SettingOrigin Origin)> names, ICollection<SpecError> errors)
    {
        foreach (var group in names.GroupBy(n => n.Name).Where(g => g.Count() > 1))
        {
            foreach (var (name, origin) in group.Skip(1))
            {
                errors.Add(origin.Error($"name '{name}' is used more than once"));
            }
        }
    }
}
