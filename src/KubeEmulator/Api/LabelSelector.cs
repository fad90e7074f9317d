using System.Text.Json.Nodes;

namespace KubeEmulator.Api;

/// <summary>A parsed labelSelector query: =, ==, !=, in, notin, key (exists) and !key, joined by commas.</summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var term in SplitTerms(text))
        {
            selector._requirements.Add(ParseTerm(term.Trim(), text));
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (k, v) in map)
            {
                labels[k] = v?.GetValue<string>() ?? "";
            }
        }

        return _requirements.All(r => r(labels));
    }

    // Commas inside "in (a,b)" do not separate terms.
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term, string whole)
    {
        if (term.Length == 0)
        {
            throw Invalid(whole);
        }

        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return key.Length == 0 ? throw Invalid(whole) : labels => !labels.ContainsKey(key);
        }

        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = term[..at].Trim();
                var value = term[(at + op.Length)..].Trim();
                return negate
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }

        var parts = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1)
        {
            var key = parts[0];
            return labels => labels.ContainsKey(key);
        }

        var rest = parts[1];
        var notIn = rest.StartsWith("notin", StringComparison.Ordinal);
        var setText = rest[(notIn ? 5 : rest.StartsWith("in", StringComparison.Ordinal) ? 2 : throw Invalid(whole))..].Trim();
        if (!setText.StartsWith('(') || !setText.EndsWith(')'))
        {
            throw Invalid(whole);
        }

        var values = setText[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var name = parts[0];
        return notIn
            ? labels => !labels.TryGetValue(name, out var v) || !values.Contains(v)
            : labels => labels.TryGetValue(name, out var v) && values.Contains(v);
    }

    private static ApiException Invalid(string text) => ApiException.BadRequest($"unable to parse requirement: found '{text}', expected: identifier");
}
