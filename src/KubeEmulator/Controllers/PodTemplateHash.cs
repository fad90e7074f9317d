using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeEmulator.Controllers;

/// <summary>
/// The pod-template-hash the real Deployment controller computes: FNV-1a 32 of the template,
/// its decimal digits mapped onto the "safe" alphabet Kubernetes uses for generated names.
/// </summary>
internal static class PodTemplateHash
{
    /// <summary>Kubernetes' rand.SafeEncodeString alphabet: no vowels, no look-alike characters.</summary>
    public const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Of(JsonNode? template)
    {
        var text = template?.ToJsonString() ?? "{}";
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            encoded.Append(SafeAlphabet[c % SafeAlphabet.Length]);
        }

        return encoded.ToString();
    }
}
