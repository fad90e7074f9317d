namespace AmbassadorCanary.Hosts;

/// <summary>Chooses the pipeline host: by name when the user forces one, otherwise from the environment.</summary>
internal static class PipelineHostFactory
{
    /// <summary>Names accepted by <see cref="Parse"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["github", "azure", "local"];

    /// <summary>GitHub when GITHUB_ACTIONS=true, else Azure when TF_BUILD=True, else a local terminal.</summary>
    public static PipelineHostKind Detect(Func<string, string?> getVariable) =>
        GitHubActionsHost.IsDetected(getVariable) ? PipelineHostKind.GitHubActions
        : AzurePipelinesHost.IsDetected(getVariable) ? PipelineHostKind.AzurePipelines
        : PipelineHostKind.Local;

    /// <summary>Parses a host name; an unknown name is an error, never a silent default.</summary>
    public static PipelineHostKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "github" or "github-actions" => PipelineHostKind.GitHubActions,
        "azure" or "azure-pipelines" => PipelineHostKind.AzurePipelines,
        "local" => PipelineHostKind.Local,
        _ => throw new ArgumentException($"unknown pipeline host '{name}': expected one of {string.Join(", ", Names)}", nameof(name)),
    };

    public static IPipelineHost Create(PipelineHostKind kind, HostEnvironment environment, bool localDebug = false) => kind switch
    {
        PipelineHostKind.GitHubActions => new GitHubActionsHost(environment),
        PipelineHostKind.AzurePipelines => new AzurePipelinesHost(environment),
        PipelineHostKind.Local => new LocalTerminalHost(environment, localDebug),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pipeline host kind"),
    };

    /// <summary>Detects and creates the host for <paramref name="environment"/>.</summary>
    public static IPipelineHost Create(HostEnvironment environment, bool localDebug = false) =>
        Create(Detect(environment.GetVariable), environment, localDebug);
}
