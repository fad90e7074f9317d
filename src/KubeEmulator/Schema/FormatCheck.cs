using System.Globalization;

namespace KubeEmulator.Schema;

/// <summary>
/// The OpenAPI formats the API server checks for CRDs that matter for our objects; unknown formats pass,
/// as they do on the server.
/// </summary>
internal static class FormatCheck
{
    public static bool Matches(string format, string text) => format switch
    {
        "byte" => IsBase64(text),
        "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
        _ => true,
    };

    public static bool IntegerInRange(string format, double value) => format switch
    {
        "int32" => value is >= int.MinValue and <= int.MaxValue,
        _ => value is >= long.MinValue and <= long.MaxValue,
    };

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
