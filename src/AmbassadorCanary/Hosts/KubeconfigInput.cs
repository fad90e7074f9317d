using System.Text;

namespace AmbassadorCanary.Hosts;

/// <summary>The kubeconfig input arrives as YAML/JSON content or as base64 of it; this tells them apart.</summary>
internal static class KubeconfigInput
{
    /// <summary>
    /// Returns the kubeconfig text. Content always holds a ':' (YAML keys, JSON members) and base64 never does,
    /// so that decides; base64 may be wrapped over several lines.
    /// </summary>
    /// <exception cref="FormatException">Neither content nor base64 of UTF-8 text. The message never quotes the input.</exception>
    public static string Decode(string input)
    {
        var trimmed = input.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("kubeconfig input: empty");
        }

        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return trimmed;
        }

        if (!TryDecodeBase64(trimmed, out var text))
        {
            throw new FormatException("kubeconfig input: neither kubeconfig content (YAML or JSON) nor base64 of it");
        }

        if (!text.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException("kubeconfig input: base64 decodes to text that is not a kubeconfig");
        }

        return text.Trim();
    }

    public static bool IsBase64(string input) => !input.Contains(':', StringComparison.Ordinal) && TryDecodeBase64(input.Trim(), out _);

    private static bool TryDecodeBase64(string input, out string text)
    {
        text = string.Empty;
        var compact = string.Concat(input.Where(c => !char.IsWhiteSpace(c)));
        var bytes = new byte[compact.Length];
        if (compact.Length == 0 || !Convert.TryFromBase64String(compact, bytes, out var written))
        {
            return false;
        }

        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
