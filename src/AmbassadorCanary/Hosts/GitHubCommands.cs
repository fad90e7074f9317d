using System.Text;

namespace AmbassadorCanary.Hosts;

/// <summary>GitHub workflow command syntax, escaped as @actions/core does.</summary>
internal static class GitHubCommands
{
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>::command key=value,key=value::message</summary>
    public static string Format(string command, string message, IReadOnlyList<KeyValuePair<string, string>>? properties = null)
    {
        var line = new StringBuilder("::").Append(command);
        if (properties is { Count: > 0 })
        {
            line.Append(' ').AppendJoin(',', properties.Select(p => p.Key + "=" + EscapeProperty(p.Value)));
        }

        return line.Append("::").Append(EscapeData(message)).ToString();
    }

    /// <summary>
    /// A file command entry (GITHUB_OUTPUT, GITHUB_ENV) in heredoc form, as @actions/core writes it;
    /// the delimiter is random and must appear in neither name nor value.
    /// </summary>
    public static string FileCommandEntry(string name, string value, Func<string> newDelimiter)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var delimiter = newDelimiter();
            if (!name.Contains(delimiter, StringComparison.Ordinal) && !value.Contains(delimiter, StringComparison.Ordinal))
            {
                return name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
            }
        }

        throw new InvalidOperationException($"output {name}: could not pick a delimiter absent from the value");
    }
}
