using System.Text;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Tests.Hosts;

/// <summary>
/// The inputs and outputs tables for the docs, rendered from action.yml. Documents hold them between
/// <c>&lt;!-- action-inputs:start --&gt;</c> / <c>&lt;!-- action-inputs:end --&gt;</c> (and action-outputs) markers.
/// </summary>
internal static class ActionTables
{
    public static string Inputs(YamlMappingNode action)
    {
        var table = new StringBuilder("| Input | Description | Default |\n|---|---|---|\n");
        foreach (var (key, value) in ((YamlMappingNode)action.Child("inputs")!).Children)
        {
            var input = (YamlMappingNode)value;
            var fallback = input.Scalar("default");
            table.Append("| `").Append(((YamlScalarNode)key).Value).Append("` | ").Append(Cell(input.Scalar("description") ?? string.Empty))
                .Append(" | ").Append(string.IsNullOrEmpty(fallback) ? "—" : "`" + fallback + "`").Append(" |\n");
        }

        return table.ToString();
    }

    public static string Outputs(YamlMappingNode action)
    {
        var table = new StringBuilder("| Output | Description |\n|---|---|\n");
        foreach (var (key, value) in ((YamlMappingNode)action.Child("outputs")!).Children)
        {
            table.Append("| `").Append(((YamlScalarNode)key).Value).Append("` | ")
                .Append(Cell(((YamlMappingNode)value).Scalar("description") ?? string.Empty)).Append(" |\n");
        }

        return table.ToString();
    }

    /// <summary>The text between the start and end markers named <paramref name="name"/>, or null when absent.</summary>
    public static string? Section(string document, string name)
    {
        var start = $"<!-- {name}:start -->\n";
        var end = $"<!-- {name}:end -->";
        var from = document.IndexOf(start, StringComparison.Ordinal);
        var to = document.IndexOf(end, StringComparison.Ordinal);
        return from < 0 || to < from ? null : document[(from + start.Length)..to];
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
