using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>
/// The step list: weights 1..100, strictly increasing, with pauses between them. Entries are <c>25</c>, <c>pause</c>
/// (until the next run) or <c>pause:10m</c>; in YAML also <c>{weight: 25}</c> or <c>{pause: 10m}</c>.
/// </summary>
internal static class StepPlanParser
{
    public static IReadOnlyList<RolloutStep>? Parse(RawSetting raw, ICollection<SpecError> errors)
    {
        if (ValueEntries.List(raw, errors) is not { } entries)
        {
            return null;
        }

        var before = errors.Count;
        var steps = new List<RolloutStep>();
        var last = 0;
        foreach (var entry in entries)
        {
            var step = entry.Node is YamlMappingNode map ? FromMap(map, entry.Origin, errors) : FromText(entry.Text, entry.Origin, errors);
            if (step is WeightStep weight)
            {
                if (weight.Weight <= last)
                {
                    errors.Add(entry.Origin.Error($"weight {weight.Weight} does not increase on the previous weight {last}; weights must be strictly increasing"));
                }

                last = Math.Max(last, weight.Weight);
            }

            if (step is not null)
            {
                steps.Add(step);
            }
        }

        if (entries.Count == 0)
        {
            errors.Add(raw.Origin.Error("is empty; give at least one weight"));
        }

        return errors.Count == before ? steps : null;
    }

    public static RolloutStep? FromText(string text, SettingOrigin origin, ICollection<SpecError> errors)
    {
        if (text.Equals("pause", StringComparison.OrdinalIgnoreCase))
        {
            return new PauseStep(null);
        }

        if (text.StartsWith("pause:", StringComparison.OrdinalIgnoreCase))
        {
            return Pause(text[6..].Trim(), origin, errors);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
        {
            errors.Add(origin.Error($"'{text}' is not a weight (1..100), 'pause' or 'pause:<duration>'"));
            return null;
        }

        if (weight is < 1 or > 100)
        {
            errors.Add(origin.Error($"weight {weight} is outside 1..100"));
            return null;
        }

        return new WeightStep(weight);
    }

    private static PauseStep? Pause(string duration, SettingOrigin origin, ICollection<SpecError> errors)
    {
        if (DurationText.TryParse(duration, out var pause) && pause > TimeSpan.Zero)
        {
            return new PauseStep(pause);
        }

        errors.Add(origin.Error($"'{duration}' is not a pause duration ({DurationText.Examples})"));
        return null;
    }

    private static RolloutStep? FromMap(YamlMappingNode map, SettingOrigin origin, ICollection<SpecError> errors)
    {
        if (map.Children.Count != 1 || map.Children.Single().Key is not YamlScalarNode { Value: "weight" or "pause" } key)
        {
            var keys = string.Join(", ", map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value));
            errors.Add(origin.Error($"a step is {{weight: N}} or {{pause: <duration>}}, not {{{keys}}}"));
            return null;
        }

        var value = map.Children[key];
        var text = value is YamlScalarNode s ? (s.Value ?? "").Trim() : "";
        var child = origin.Child($".{key.Value}", (int)key.Start.Line);
        return key.Value == "pause"
            ? FileSettingsReader.IsEmpty(value) ? new PauseStep(null) : Pause(text, child, errors)
            : FromText(text, child, errors);
    }
}
