using System.Text.RegularExpressions;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// Fills the templates of a custom PromQL check: {{ namespace }}, {{ target }} (the Deployment), {{ canary }},
/// {{ primary }} and {{ interval }} (a PromQL duration). Spaces inside the braces are optional.
/// </summary>
internal static partial class PromQlTemplate
{
    public static readonly IReadOnlyList<string> Names = ["namespace", "target", "canary", "primary", "interval"];

    /// <summary>The query with every template replaced; an ArgumentException naming any unknown template.</summary>
    public static string Render(string query, IReadOnlyDictionary<string, string> values)
    {
        var unknown = Errors(query);
        if (unknown.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", unknown), nameof(query));
        }

        return Template().Replace(query, m => values.TryGetValue(m.Groups["name"].Value, out var value)
            ? value
            : throw new ArgumentException($"no value for template {{{{ {m.Groups["name"].Value} }}}}", nameof(values)));
    }

    /// <summary>The values for this tick: namespace and target from the spec, the Deployment names, the interval.</summary>
    public static IReadOnlyDictionary<string, string> ValuesFor(AnalysisContext context) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["namespace"] = context.Spec.Target.Namespace,
        ["target"] = context.Spec.Target.Deployment,
        ["canary"] = context.CanaryName,
        ["primary"] = context.PrimaryName,
        ["interval"] = PrometheusDuration.Format(context.Spec.Interval),
    };

    /// <summary>One message per unknown template in the query (for settings validation); empty when all are known.</summary>
    public static IReadOnlyList<string> Errors(string query) =>
        Template().Matches(query)
            .Select(m => m.Groups["name"].Value)
            .Where(n => !Names.Contains(n, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(n => $"unknown template {{{{ {n} }}}}; known: {string.Join(", ", Names.Select(k => $"{{{{ {k} }}}}"))}")
            .ToList();

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Template();
}
