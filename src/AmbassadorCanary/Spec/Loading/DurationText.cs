using System.Globalization;
using System.Text.RegularExpressions;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>Durations as Go and Kubernetes users write them: 500ms, 30s, 1m, 1h30m, 1.5h.</summary>
internal static partial class DurationText
{
    public const string Examples = "e.g. 30s, 1m, 1h30m, 500ms";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (!Whole().IsMatch(trimmed))
        {
            return false;
        }

        foreach (Match part in Part().Matches(trimmed))
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMilliseconds(amount),
            };
        }

        return true;
    }

    /// <summary>The shortest text that parses back to the same duration (1h30m, 500ms).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = "";
        if (duration.Hours + (duration.Days * 24) > 0)
        {
            text += $"{duration.Hours + (duration.Days * 24)}h";
        }

        if (duration.Minutes > 0)
        {
            text += $"{duration.Minutes}m";
        }

        if (duration.Seconds > 0)
        {
            text += $"{duration.Seconds}s";
        }

        if (duration.Milliseconds > 0)
        {
            text += $"{duration.Milliseconds}ms";
        }

        return text;
    }

    [GeneratedRegex(@"^(?:[0-9]+(?:\.[0-9]+)?(?:ms|h|m|s))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|h|m|s)")]
    private static partial Regex Part();
}
