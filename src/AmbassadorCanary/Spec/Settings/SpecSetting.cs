using System.Text;

namespace AmbassadorCanary.Spec;

/// <summary>How a setting's text is read.</summary>
public enum SettingType
{
    Text,
    Integer,
    Number,
    Percent,
    Duration,
    Boolean,
    Choice,
    TextList,
    ImageMap,
    StepPlan,
    Url,
    CustomMetrics,
    Webhooks,
}

/// <summary>
/// One row of the settings table: its YAML path in the spec file, its flag, its GitHub and Azure input names,
/// its default and meaning. The same row drives parsing, "did you mean" suggestions, the hosts' input mapping and docs/spec.md.
/// </summary>
public sealed record SpecSetting
{
    /// <summary>Nested camelCase path in the spec file, e.g. <c>analysis.prometheus.url</c>.</summary>
    public required string YamlPath { get; init; }

    /// <summary>Flag name without dashes (<c>step-weights</c>); null for file-only settings.</summary>
    public string? Flag { get; init; }

    public required SettingType Type { get; init; }

    /// <summary>Default as text, for documentation; null when there is none.</summary>
    public string? Default { get; init; }

    public required string Meaning { get; init; }

    /// <summary>Allowed values of a Choice.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>Lists: whether a flag or input value is split at commas (label selectors hold commas, so they are not).</summary>
    public bool SplitCommas { get; init; } = true;

    /// <summary>A value the hosts must mask in logs.</summary>
    public bool Secret { get; init; }

    public bool Required { get; init; }

    /// <summary>The flag may be given more than once (lists).</summary>
    public bool Repeatable => Type is SettingType.TextList or SettingType.ImageMap or SettingType.StepPlan;

    /// <summary>GitHub Actions input name: the flag name (arrives as <c>INPUT_STEP-WEIGHTS</c>).</summary>
    public string? GitHubInput => Flag;

    /// <summary>Azure DevOps task input name: the flag in camelCase (<c>stepWeights</c>).</summary>
    public string? AzureInput => Flag is null ? null : CamelCase(Flag);

    public static string CamelCase(string kebab)
    {
        var sb = new StringBuilder(kebab.Length);
        var upper = false;
        foreach (var c in kebab)
        {
            if (c == '-')
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }
}
