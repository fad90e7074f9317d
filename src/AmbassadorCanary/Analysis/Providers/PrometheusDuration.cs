using System.Globalization;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>TimeSpan as a PromQL duration: the largest whole unit (2h, 5m, 90s, 1500ms), never below 1ms.</summary>
internal static class PrometheusDuration
{
    public static string Format(TimeSpan duration)
    {
        var ms = Math.Max(1, (long)Math.Round(duration.TotalMilliseconds));
        var (amount, unit) = ms switch
        {
            _ when ms % 3_600_000 == 0 => (ms / 3_600_000, "h"),
            _ when ms % 60_000 == 0 => (ms / 60_000, "m"),
            _ when ms % 1_000 == 0 => (ms / 1_000, "s"),
            _ => (ms, "ms"),
        };
        return amount.ToString(CultureInfo.InvariantCulture) + unit;
    }
}
