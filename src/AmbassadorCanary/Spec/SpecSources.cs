namespace AmbassadorCanary.Spec;

/// <summary>A pipeline input as the host read it: a GitHub name (<c>step-weights</c>) or an Azure name (<c>stepWeights</c>, any case).</summary>
public sealed record PipelineInput(string Name, string Value);

/// <summary>Everything the spec loader reads. Precedence: flags, then pipeline inputs, then the file, then defaults.</summary>
public sealed record SpecSources
{
    public IReadOnlyList<CommandLineOption> Flags { get; init; } = [];

    /// <summary>Inputs from INPUT_* (GitHub) or the Azure task; empty values count as not given.</summary>
    public IReadOnlyList<PipelineInput> Inputs { get; init; } = [];

    /// <summary>Path of the spec file (rollout.yaml). Read from disk unless FileText is given; named in errors.</summary>
    public string? FilePath { get; init; }

    /// <summary>The spec file's text, when the caller already has it (tests, an inline input).</summary>
    public string? FileText { get; init; }

    /// <summary>Option and input names the CLI itself consumes (kubeconfig, context, output, file, ...): not reported as unknown.</summary>
    public IReadOnlySet<string> ExternalOptions { get; init; } = new HashSet<string>();

    /// <summary>Flags from a parsed command line; the spec file path comes from <c>--file</c> when given.</summary>
    public static SpecSources FromCommandLine(CommandLine commandLine, IEnumerable<string> externalOptions) => new()
    {
        Flags = commandLine.Options,
        FilePath = commandLine.Value("file"),
        ExternalOptions = new HashSet<string>(externalOptions.Append("file"), StringComparer.Ordinal),
    };
}
