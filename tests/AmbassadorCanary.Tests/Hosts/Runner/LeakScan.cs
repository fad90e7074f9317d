using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts.Runner;

/// <summary>Assertions that secrets were masked before use and never written in the clear.</summary>
internal static class LeakScan
{
    /// <summary>
    /// Every secret is registered (a line starting with <paramref name="maskPrefix"/> + the secret, or one of its lines)
    /// before any other line, and no other line contains it.
    /// </summary>
    public static void AssertMaskedFirst(string stdout, IEnumerable<string> secrets, string maskPrefix)
    {
        var lines = stdout.Split('\n');
        foreach (var secret in secrets)
        {
            foreach (var part in secret.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var mask = Array.FindIndex(lines, l => l == maskPrefix + part);
                Assert.That(mask, Is.GreaterThanOrEqualTo(0), $"a mask for a secret ({part.Length} chars) is registered");
                var firstOther = Array.FindIndex(lines, l => !l.StartsWith(maskPrefix, StringComparison.Ordinal));
                Assert.That(firstOther < 0 || mask < firstOther, Is.True, "masks come before any other output");
            }
        }

        AssertNoSecret(string.Join("\n", lines.Where(l => !l.StartsWith(maskPrefix, StringComparison.Ordinal))), secrets, "stdout");
    }

    public static void AssertNoSecret(string text, IEnumerable<string> secrets, string where)
    {
        // Never print the secret itself in the failure message.
        var found = ContainsSecret(text, secrets);
        Assert.That(found, Is.False, $"{where} contains a secret");
    }

    /// <summary>True when <paramref name="text"/> holds any secret, or any line of a multiline one.</summary>
    public static bool ContainsSecret(string text, IEnumerable<string> secrets) =>
        secrets.SelectMany(s => s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Any(part => text.Contains(part, StringComparison.Ordinal));
}
