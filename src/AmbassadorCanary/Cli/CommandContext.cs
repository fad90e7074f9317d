using AmbassadorCanary.Hosts;
using AmbassadorCanary.Spec;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Cli;

/// <summary>What every command gets: the pipeline session (host, inputs, logging, signals), the parsed command line and time.</summary>
internal sealed record CommandContext(PipelineSession Session, CommandLine CommandLine, TimeProvider Time)
{
    private static readonly HashSet<string> SecretFlags = new(
        [CliOptions.GitHubToken, .. SpecSettings.All.Where(s => s.Secret && s.Flag is not null).Select(s => s.Flag!)], StringComparer.Ordinal);

    public IPipelineHost Host => Session.Host;

    public HostInputs Inputs => Session.Inputs;

    public ILoggerFactory Loggers => Session.LoggerFactory;

    public ShutdownSignal Shutdown => Session.Shutdown;

    /// <summary>A CLI option's value: the flag first, then the pipeline input of the same name.</summary>
    public string? Option(string name) => CommandLine.Value(name) ?? Inputs.Get(name);

    /// <summary>Loads the rollout spec from flags, pipeline inputs and the spec file; every problem is logged as an error.</summary>
    public RolloutSpec? LoadSpec(IReadOnlyList<CommandLineOption>? defaults = null)
    {
        // Secrets given as flags are masked like secret pipeline inputs, before any message could quote them.
        Session.AddSecrets(CommandLine.Options.Where(o => SecretFlags.Contains(o.Name)).Select(o => o.Value));
        var sources = new SpecSources
        {
            Flags = [.. defaults ?? [], .. CommandLine.Options],
            Inputs = Inputs.ToSpecInputs(),
            FilePath = Option(CliOptions.File),
            ExternalOptions = new HashSet<string>(CliOptions.External, StringComparer.Ordinal),
        };
        var result = RolloutSpecLoader.Load(sources);
        if (result.IsValid)
        {
            // The spec file may carry the Prometheus credentials too.
            Session.AddSecrets([result.Spec!.Analysis.Prometheus?.BearerToken, result.Spec!.Analysis.Prometheus?.Password]);
            return result.Spec;
        }

        foreach (var error in result.Errors)
        {
            Host.LogIssue(IssueLevel.Error, error.ToString());
        }

        Host.LogIssue(IssueLevel.Error, $"{result.Errors.Count} problem(s) with the rollout settings; nothing was changed in the cluster");
        return null;
    }
}
