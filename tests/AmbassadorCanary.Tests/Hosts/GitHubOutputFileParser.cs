namespace AmbassadorCanary.Tests.Hosts;

/// <summary>Reads a $GITHUB_OUTPUT file the way the runner's file command handler does (NAME=VALUE or NAME&lt;&lt;DELIM).</summary>
internal static class GitHubOutputFileParser
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            if (equals >= 0 && (heredoc < 0 || equals < heredoc))
            {
                result[line[..equals]] = line[(equals + 1)..];
                continue;
            }

            if (heredoc < 0)
            {
                throw new FormatException($"line {i + 1}: neither NAME=VALUE nor NAME<<DELIMITER: {line}");
            }

            var name = line[..heredoc];
            var delimiter = line[(heredoc + 2)..];
            var value = new List<string>();
            for (i++; ; i++)
            {
                if (i >= lines.Length)
                {
                    throw new FormatException($"output {name}: delimiter {delimiter} not found");
                }

                if (lines[i] == delimiter)
                {
                    break;
                }

                value.Add(lines[i]);
            }

            result[name] = string.Join("\n", value);
        }

        return result;
    }
}
