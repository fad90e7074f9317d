namespace AmbassadorCanary.Hosts;

/// <summary>
/// Known secret values, redacted from every line the tool writes. Defence in depth: the pipeline host
/// masks them too, but only once told, and only in its own log.
/// </summary>
internal sealed class SecretMasker
{
    public const string Mask = "***";

    /// <summary>Shorter values are still registered with the host, but redacting them here would garble ordinary text.</summary>
    public const int MinRedactLength = 4;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private string[] _longestFirst = [];

    /// <summary>The distinct values registered so far (multiline secrets are split into lines).</summary>
    public IReadOnlyCollection<string> Secrets
    {
        get
        {
            lock (_gate)
            {
                return [.. _secrets];
            }
        }
    }

    /// <summary>Adds a secret; returns the values that were new (each line of a multiline secret, trimmed).</summary>
    public IReadOnlyList<string> Add(string value)
    {
        var added = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return added;
        }

        lock (_gate)
        {
            foreach (var part in Parts(value))
            {
                if (_secrets.Add(part))
                {
                    added.Add(part);
                }
            }

            if (added.Count > 0)
            {
                _longestFirst = [.. _secrets.Where(s => s.Length >= MinRedactLength).OrderByDescending(s => s.Length)];
            }
        }

        return added;
    }

    /// <summary>Replaces every known secret in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        var secrets = Volatile.Read(ref _longestFirst);
        if (string.IsNullOrEmpty(text) || secrets.Length == 0)
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static IEnumerable<string> Parts(string value) =>
        Lines(value).SelectMany(line =>
        {
            // The metrics output and other JSON carry a value escaped; mask that spelling too.
            var json = System.Text.Json.JsonEncodedText.Encode(line, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
            return json == line ? [line] : new[] { line, json };
        });

    private static IEnumerable<string> Lines(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains('\n', StringComparison.Ordinal) && !trimmed.Contains('\r', StringComparison.Ordinal))
        {
            yield return trimmed;
            yield break;
        }

        // Hosts mask line by line, so a multiline secret (a PEM key) is registered per line.
        foreach (var line in trimmed.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return line;
        }
    }
}
