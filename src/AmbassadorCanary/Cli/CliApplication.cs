using AmbassadorCanary.Hosts;
using AmbassadorCanary.Sandbox;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Cli;

/// <summary>
/// The CLI: reads the command from argv (or the `command` input of a pipeline) and runs it inside the pipeline
/// session. Returns the process exit code (see <see cref="ExitCodes"/>).
/// </summary>
internal sealed class CliApplication(PipelineSession session, TimeProvider time)
{
    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var commandLine = CommandLine.Parse(args, CliOptions.Switches);
        var command = commandLine.Command ?? session.Inputs.Get(ActionInputs.Command)
            ?? (session.Host.Kind == PipelineHostKind.Local ? "help" : "rollout");
        var context = new CommandContext(session, commandLine, time);
        try
        {
            return await DispatchAsync(command, context);
        }
        catch (OperationCanceledException) when (session.Shutdown.RunToken.IsCancellationRequested)
        {
            session.Host.LogIssue(IssueLevel.Error, $"{command}: cancelled by {session.Shutdown.ReceivedSignal?.ToString() ?? "a signal"}");
            return session.Shutdown.SignalExitCode ?? ExitCodes.RolledBack;
        }
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
