using System.Globalization;
using System.Text.RegularExpressions;

namespace KubeEmulator.Api;

/// <summary>
/// Kubernetes' version priority (CompareKubeAwareVersionStrings): GA before beta before alpha, higher numbers first.
/// The first in this order is a group's preferredVersion, so Emissary 3's getambassador.io prefers v2 over v3alpha1.
/// </summary>
internal sealed partial class KubeVersionOrder : IComparer<string>
{
    public static readonly KubeVersionOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var (xr, xm, xn) = Parse(x ?? "");
        var (yr, ym, yn) = Parse(y ?? "");
        if (xr != yr)
        {
            return xr.CompareTo(yr);
        }

        if (xm != ym)
        {
            return ym.CompareTo(xm);
        }

        return xr == 3 ? string.CompareOrdinal(x, y) : yn.CompareTo(xn);
    }

    // rank 0 = GA, 1 = beta, 2 = alpha, 3 = not a Kubernetes version (sorted by name after the rest)
    private static (int Rank, int Major, int Minor) Parse(string v)
    {
        var m = KubeVersion().Match(v);
        if (!m.Success)
        {
            return (3, 0, 0);
        }

        var major = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var rank = m.Groups[2].Value switch { "" => 0, "beta" => 1, _ => 2 };
        var minor = m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return (rank, major, minor);
    }

    [GeneratedRegex("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$")]
    private static partial Regex KubeVersion();
}
