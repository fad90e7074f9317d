using AmbassadorCanary.Hosts;
using AmbassadorCanary.Sandbox;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Spec.Loading;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Cli;

/// <summary>
/// The CLI: picks the pipeline host, reads the command from argv (or the `command` input), sets up logging through
/// the host, and runs the command. Returns the process exit code (see <see cref="ExitCodes"/>).
/// </summary>
internal sealed class CliApplication(HostEnvironment environment, TimeProvider time)
{
    public async Task<int> RunAsync(IReadOnlyList<string> args, ShutdownSignal shutdown)
    {
        IPipelineHost host;
        try
        {
            host = PipelineHostFactory.Create(environment);
        }
        catch (ArgumentException e)
        {
            await environment.Stdout.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        // Inputs are read first: reading registers the secret ones with the host before anything is logged.
        var inputs = host.Kind == PipelineHostKind.Local ? HostInputs.Empty : host.ReadInputs();
        var commandLine = CommandLine.Parse(args, CliOptions.Switches);
        var command = commandLine.Command ?? inputs.Get(ActionInputs.Command) ?? (host.Kind == PipelineHostKind.Local ? "help" : "rollout");
        var debug = commandLine.Has(CliOptions.Debug) || host.IsDebugEnabled;
        using var loggers = LoggerFactory.Create(builder => builder
            .AddProvider(new PipelineLoggerProvider(host))
            .SetMinimumLevel(debug ? LogLevel.Debug : LogLevel.Information));
        var context = new CommandContext(host, environment, commandLine, inputs, loggers, time, shutdown);
        var code = await DispatchAsync(command, context);
        if (host.Kind != PipelineHostKind.Local)
        {
            host.Complete(code == ExitCodes.Success, $"exit code {code}");
        }

        return code;
    }

    private static async Task<int> DispatchAsync(string command, CommandContext context)
    {
        switch (command)
        {
            case "help" or "--help" or "-h":
                context.Host.WriteLine(Usage.Text);
                return ExitCodes.Success;
            case "sandbox":
                return await SandboxCommand.RunAsync(context);
            case "rollout" or "step" or "promote" or "rollback" or "status" or "plan" or "preview" or "preview-cleanup":
                return await ClusterCommand.RunAsync(command, context);
            default:
                var hint = NameSuggester.Hint(NameSuggester.Closest(command, CliOptions.Commands));
                context.Host.LogIssue(IssueLevel.Error, $"unknown command '{command}'{hint} Run 'help' for the list.");
                return ExitCodes.BadInput;
        }
    }
}
