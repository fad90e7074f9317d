namespace AmbassadorCanary.Hosts;

/// <summary>Inputs a pipeline passed, keyed by CLI flag name. Only non-empty values are present.</summary>
internal sealed record HostInputs(IReadOnlyDictionary<string, string> Values)
{
    public static HostInputs Empty { get; } = new(new Dictionary<string, string>());

    public string? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The rollout settings among the inputs, for <c>SpecSources.Inputs</c>; the CLI's own inputs are left out.</summary>
    public IReadOnlyList<Spec.PipelineInput> ToSpecInputs() =>
        [.. ActionInputs.All.Where(i => i.Setting is not null && Values.ContainsKey(i.Name)).Select(i => new Spec.PipelineInput(i.Name, Values[i.Name]))];

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
                foreach (var secret in SecretsIn(input, value))
                {
                    addSecret(secret);
                }
            }

            values[input.Name] = value;
        }

        return new HostInputs(values);
    }

    /// <summary>
    /// What to mask of a secret input. A kubeconfig is masked by its credentials (and, in base64, as a whole), not
    /// line by line: masking "apiVersion: v1" or "namespace: default" would garble every later log line holding them.
    /// One that does not parse is masked line by line, since its secrets cannot be told apart.
    /// </summary>
    private static IEnumerable<string> SecretsIn(ActionInput input, string value)
    {
        if (input.Name != "kubeconfig")
        {
            return [value];
        }

        try
        {
            var secrets = KubeconfigDocument.Parse(KubeconfigInput.Decode(value)).Secrets;
            return KubeconfigInput.IsBase64(value) ? [value, .. secrets] : secrets;
        }
        catch (FormatException)
        {
            return [value];
        }
    }
}
