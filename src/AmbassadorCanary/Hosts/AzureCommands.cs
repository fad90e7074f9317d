using System.Text;

namespace AmbassadorCanary.Hosts;

/// <summary>Azure Pipelines logging command syntax, escaped as azure-pipelines-task-lib does.</summary>
internal static class AzureCommands
{
    public static string EscapeData(string value) =>
        value.Replace("%", "%AZP25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace("]", "%5D", StringComparison.Ordinal)
            .Replace(";", "%3B", StringComparison.Ordinal);

    /// <summary>##vso[area.action key=value;key=value;]message</summary>
    public static string Format(string command, string message, IReadOnlyList<KeyValuePair<string, string>>? properties = null)
    {
        var line = new StringBuilder("##vso[").Append(command);
        if (properties is { Count: > 0 })
        {
            line.Append(' ');
            foreach (var property in properties)
            {
                line.Append(property.Key).Append('=').Append(EscapeProperty(property.Value)).Append(';');
            }
        }

        return line.Append(']').Append(EscapeData(message)).ToString();
    }

    public static KeyValuePair<string, string> Property(string key, string value) => new(key, value);
}
