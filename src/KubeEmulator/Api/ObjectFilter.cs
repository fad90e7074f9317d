using System.Text.Json.Nodes;

namespace KubeEmulator.Api;

/// <summary>labelSelector plus fieldSelector (metadata.name and metadata.namespace, with = == !=), as list and watch take them.</summary>
internal sealed class ObjectFilter
{
    private readonly LabelSelector _labels;
    private readonly List<(string Field, string Value, bool Negate)> _fields;

    private ObjectFilter(LabelSelector labels, List<(string Field, string Value, bool Negate)> fields)
    {
        _labels = labels;
        _fields = fields;
    }

    public static ObjectFilter FromQuery(IReadOnlyDictionary<string, string> query)
    {
        var fields = new List<(string, string, bool)>();
        if (query.TryGetValue("fieldSelector", out var text) && !string.IsNullOrWhiteSpace(text))
        {
            foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var negate = term.Contains("!=", StringComparison.Ordinal);
                var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
                if (parts.Length != 2)
                {
                    throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
                }

                var field = parts[0].Trim();
                if (field is not ("metadata.name" or "metadata.namespace"))
                {
                    throw ApiException.BadRequest($"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
                }

                fields.Add((field, parts[1].Trim(), negate));
            }
        }

        return new ObjectFilter(LabelSelector.Parse(query.GetValueOrDefault("labelSelector")), fields);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (field, value, negate) in _fields)
        {
            var actual = (string?)obj["metadata"]?[field["metadata.".Length..]] ?? "";
            if ((actual == value) == negate)
            {
                return false;
            }
        }

        return _labels.Matches(obj);
    }
}
