using AmbassadorCanary.Hosts;
using AmbassadorCanary.Spec;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Cli;

/// <summary>What every command gets: the host, the parsed command line and pipeline inputs, logging, time and the shutdown signal.</summary>
internal sealed record CommandContext(
    IPipelineHost Host,
    HostEnvironment Environment,
    CommandLine CommandLine,
    HostInputs Inputs,
    ILoggerFactory Loggers,
    TimeProvider Time,
    ShutdownSignal Shutdown)
{
    /// <summary>A CLI option's value: the flag first, then the pipeline input of the same name.</summary>
    public string? Option(string name) => CommandLine.Value(name) ?? Inputs.Get(name);

    /// <summary>Loads the rollout spec from flags, pipeline inputs and the spec file; every problem is logged as an error.</summary>
    public RolloutSpec? LoadSpec(IReadOnlyList<CommandLineOption>? defaults = null)
    {
        var external = new HashSet<string>(CliOptions.External, StringComparer.Ordinal);
        var sources = new SpecSources
        {
            Flags = [.. defaults ?? [], .. CommandLine.Options],
            Inputs = Inputs.Values
                .Where(kv => !external.Contains(kv.Key))
                .Select(kv => new PipelineInput(kv.Key, kv.Value))
                .ToList(),
            FilePath = Option(CliOptions.File) ?? Option(CliOptions.Config),
            ExternalOptions = external,
        };
        var result = RolloutSpecLoader.Load(sources);
        if (result.IsValid)
        {
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
