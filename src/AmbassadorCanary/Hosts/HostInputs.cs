namespace AmbassadorCanary.Hosts;

/// <summary>Inputs a pipeline passed, keyed by CLI flag name. Only non-empty values are present.</summary>
internal sealed record HostInputs(IReadOnlyDictionary<string, string> Values)
{
    public static HostInputs Empty { get; } = new(new Dictionary<string, string>());

    public string? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The inputs as a command line: the command first, then <c>--name value</c> pairs in <see cref="ActionInputs.All"/> order.
    /// Lets the pipeline path go through the same parser and validation as the CLI. Inputs named in
    /// <paramref name="exclude"/> are left out (e.g. kubeconfig, whose content is materialised to a file first).
    /// </summary>
    public IReadOnlyList<string> ToArguments(string defaultCommand = "rollout", IReadOnlyCollection<string>? exclude = null)
    {
        var args = new List<string> { Get(ActionInputs.Command) ?? defaultCommand };
        foreach (var input in ActionInputs.All)
        {
            if (input.Name != ActionInputs.Command && exclude?.Contains(input.Name) != true && Values.TryGetValue(input.Name, out var value))
            {
                args.Add("--" + input.Name);
                args.Add(value);
            }
        }

        return args;
    }

    /// <summary>Reads every known input through <paramref name="variableName"/>; registers secret ones before returning.</summary>
    internal static HostInputs Read(HostEnvironment environment, Func<string, string> variableName, Action<string> addSecret)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in ActionInputs.All)
        {
            var value = environment.GetVariable(variableName(input.Name));
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            // Runners keep the trailing newline of block scalars; no input wants it.
            value = value.Trim();
            if (input.IsSecret)
            {
                addSecret(value);
            }

            values[input.Name] = value;
        }

        return new HostInputs(values);
    }
}
