namespace AmbassadorCanary.Spec;

/// <summary>One <c>--name value</c>, <c>--name=value</c> or <c>--switch</c> (Value null) from the command line.</summary>
public sealed record CommandLineOption(string Name, string? Value);

/// <summary>
/// argv split into command words and options: <c>command [sub] [--key value | --key=value | --switch]...</c>.
/// Repeated options are kept, in order. Meaning is given later (the spec loader, the CLI); this only splits.
/// </summary>
public sealed record CommandLine(IReadOnlyList<string> Words, IReadOnlyList<CommandLineOption> Options)
{
    /// <summary>The first word (rollout, step, sandbox, ...), or null.</summary>
    public string? Command => Words.Count > 0 ? Words[0] : null;

    /// <summary>
    /// Splits argv. An option takes the next token as its value unless that token starts with "--", or the option
    /// is a switch (then only a following "true"/"false" is taken). "--" ends options: the rest are words.
    /// </summary>
    /// <param name="switches">Option names (without dashes) that take no value; the spec's boolean settings are always switches.</param>
    public static CommandLine Parse(IReadOnlyList<string> args, IEnumerable<string>? switches = null)
    {
        var switchNames = new HashSet<string>(SpecSettings.Switches, StringComparer.Ordinal);
        switchNames.UnionWith(switches ?? []);
        var words = new List<string>();
        var options = new List<CommandLineOption>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                words.AddRange(args.Skip(i + 1));
                break;
            }

            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                words.Add(token);
                continue;
            }

            var body = token[2..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                options.Add(new CommandLineOption(body[..equals], body[(equals + 1)..]));
                continue;
            }

            var next = i + 1 < args.Count ? args[i + 1] : null;
            var takesNext = next is not null && !next.StartsWith("--", StringComparison.Ordinal)
                && (!switchNames.Contains(body) || next is "true" or "false");
            options.Add(new CommandLineOption(body, takesNext ? next : null));
            if (takesNext)
            {
                i++;
            }
        }

        return new CommandLine(words, options);
    }

    /// <summary>Last value of an option, or null (for options the CLI itself consumes, e.g. kubeconfig).</summary>
    public string? Value(string name) => Options.LastOrDefault(o => o.Name == name)?.Value;

    public bool Has(string name) => Options.Any(o => o.Name == name);
}
