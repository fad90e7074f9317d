using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>Turns a raw setting into its typed value (string, int, double, TimeSpan, bool, list, ...), or reports why not.</summary>
internal static class SettingValueParser
{
    public static object? Parse(RawSetting raw, ICollection<SpecError> errors)
    {
        var setting = raw.Setting;
        switch (setting.Type)
        {
            case SettingType.TextList:
                return ValueEntries.List(raw, errors) is { } entries ? TextList(entries, errors) : null;
            case SettingType.ImageMap:
                return ImageMapParser.Parse(raw, errors);
            case SettingType.StepPlan:
                return StepPlanParser.Parse(raw, errors);
            case SettingType.CustomMetrics:
                return CustomMetricsParser.Parse(raw, errors);
            case SettingType.Webhooks:
                return WebhooksParser.Parse(raw, errors);
        }

        if (ValueEntries.Scalar(raw, errors) is not { } entry)
        {
            return null;
        }

        var value = Scalar(setting, entry.Text, out var problem);
        if (problem is not null)
        {
            errors.Add(entry.Origin.Error(problem));
        }

        return value;
    }

    /// <summary>Parses one scalar text for a setting; problem says, in plain words, what is wrong.</summary>
    public static object? Scalar(SpecSetting setting, string text, out string? problem)
    {
        problem = null;
        switch (setting.Type)
        {
            case SettingType.Text:
                problem = text.Length == 0 ? "needs a value" : null;
                return text;
            case SettingType.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    problem = $"'{text}' is not a whole number";
                    return null;
                }

                problem = Range(setting, integer);
                return problem is null ? (int)integer : null;
            case SettingType.Number or SettingType.Percent:
                var numberText = setting.Type == SettingType.Percent ? text.TrimEnd('%').TrimEnd() : text;
                if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    problem = $"'{text}' is not a number";
                    return null;
                }

                problem = Range(setting, number);
                return problem is null ? number : null;
            case SettingType.Duration:
                if (!DurationText.TryParse(text, out var duration))
                {
                    problem = $"'{text}' is not a duration ({DurationText.Examples})";
                    return null;
                }

                problem = duration > TimeSpan.Zero ? null : "must be longer than 0s";
                return problem is null ? duration : null;
            case SettingType.Boolean:
                problem = text.ToLowerInvariant() is "true" or "false" ? null : $"'{text}' is not true or false";
                return problem is null ? text.Equals("true", StringComparison.OrdinalIgnoreCase) : null;
            case SettingType.Choice:
                var choice = setting.Allowed.FirstOrDefault(a => a.Equals(text, StringComparison.OrdinalIgnoreCase));
                problem = choice is null ? $"'{text}' is not one of: {string.Join(", ", setting.Allowed)}" : null;
                return choice;
            case SettingType.Url:
                return Url(text, out problem);
            default:
                problem = "cannot be given this way";
                return null;
        }
    }

    public static Uri? Url(string text, out string? problem)
    {
        problem = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? null
            : $"'{text}' is not an http(s) URL";
        return problem is null ? uri : null;
    }

    /// <summary>A scalar from a YAML map field (custom metrics, webhooks), typed by a throwaway setting row.</summary>
    public static object? Field(YamlNode node, SettingType type, SettingOrigin origin, ICollection<SpecError> errors, double? min = null, double? max = null)
    {
        if (node is not YamlScalarNode scalar)
        {
            errors.Add(origin.Error($"wrong type: expected a single value, got a {ValueEntries.Describe(node)}"));
            return null;
        }

        var row = new SpecSetting { YamlPath = origin.Field, Type = type, Meaning = "", Min = min, Max = max };
        var value = Scalar(row, (scalar.Value ?? "").Trim(), out var problem);
        if (problem is not null)
        {
            errors.Add(origin.Error(problem));
        }

        return value;
    }

    private static List<string>? TextList(IReadOnlyList<ValueEntry> entries, ICollection<SpecError> errors)
    {
        var ok = true;
        foreach (var entry in entries.Where(e => e.Text.Length == 0))
        {
            errors.Add(entry.Origin.Error(entry.Node is YamlScalarNode or null ? "empty entry" : $"wrong type: expected a single value, got a {ValueEntries.Describe(entry.Node)}"));
            ok = false;
        }

        return ok ? entries.Select(e => e.Text).ToList() : null;
    }

    private static string? Range(SpecSetting setting, double value)
    {
        var format = (double d) => d.ToString(CultureInfo.InvariantCulture);
        return (setting.Min, setting.Max) switch
        {
            ({ } min, { } max) when value < min || value > max => $"{format(value)} is outside {format(min)}..{format(max)}",
            ({ } min, null) when value < min => $"{format(value)} is below {format(min)}",
            _ => null,
        };
    }
}
