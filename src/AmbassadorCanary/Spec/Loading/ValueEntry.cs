using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>One text of a value with its own origin (a list entry knows its index and line).</summary>
internal sealed record ValueEntry(string Text, SettingOrigin Origin, YamlNode? Node = null);

/// <summary>Takes the text out of a raw setting: one scalar, or a list of entries.</summary>
internal static class ValueEntries
{
    public static ValueEntry? Scalar(RawSetting raw, ICollection<SpecError> errors)
    {
        if (raw.Node is null)
        {
            return new ValueEntry(raw.Texts[^1].Trim(), raw.Origin);
        }

        if (raw.Node is YamlScalarNode scalar)
        {
            return new ValueEntry((scalar.Value ?? "").Trim(), raw.Origin, scalar);
        }

        errors.Add(raw.Origin.Error($"wrong type: expected a single value, got a {Describe(raw.Node)}"));
        return null;
    }

    /// <summary>List entries: each flag occurrence or YAML sequence item, split at commas where the setting allows.</summary>
    public static IReadOnlyList<ValueEntry>? List(RawSetting raw, ICollection<SpecError> errors)
    {
        var split = raw.Setting.SplitCommas;
        switch (raw.Node)
        {
            case null:
                return raw.Texts.SelectMany(t => Split(t, split)).Select(t => new ValueEntry(t, raw.Origin)).ToList();
            case YamlScalarNode scalar:
                return Split(scalar.Value ?? "", split).Select(t => new ValueEntry(t, raw.Origin, scalar)).ToList();
            case YamlSequenceNode sequence:
                var entries = new List<ValueEntry>();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    var origin = raw.Origin.Child($"[{i}]", (int)item.Start.Line);
                    entries.Add(item is YamlScalarNode s
                        ? new ValueEntry((s.Value ?? "").Trim(), origin, s)
                        : new ValueEntry("", origin, item));
                }

                return entries;
            default:
                errors.Add(raw.Origin.Error($"wrong type: expected a list, got a {Describe(raw.Node)}"));
                return null;
        }
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "map",
        _ => "single value",
    };

    private static string[] Split(string text, bool split) =>
        split
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [text.Trim()];
}
