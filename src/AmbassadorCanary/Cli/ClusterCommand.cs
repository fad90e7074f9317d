using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Preview;
using k8s;

namespace AmbassadorCanary.Cli;

/// <summary>The commands that act on a real cluster: load the spec, connect, and hand over to the engine.</summary>
internal static class ClusterCommand
{
    public static async Task<int> RunAsync(string command, CommandContext context)
    {
        // Bad input stops here, before a connection is even attempted; every problem is reported.
        var output = context.Option(CliOptions.Output);
        var badOutput = output is not (null or "" or "table" or "json");
        if (badOutput)
        {
            context.Host.LogIssue(IssueLevel.Error, $"--output '{output}': unknown; expected table or json");
        }

        var preview = command is "preview" or "preview-cleanup";
        var spec = preview ? context.LoadSpec(PreviewCommand.SpecDefaults(context, command)) : context.LoadSpec();
        if (spec is null || badOutput)
        {
            return ExitCodes.BadInput;
        }

        KubernetesClientConfiguration configuration;
        try
        {
            var connection = await context.Session.ConnectAsync(
                context.CommandLine.Value(CliOptions.Kubeconfig), context.CommandLine.Value(CliOptions.Context), context.Shutdown.RunToken);
            configuration = connection.BuildClientConfiguration();
        }
        catch (Exception e) when (e is FormatException or k8s.Exceptions.KubeConfigException)
        {
            context.Host.LogIssue(IssueLevel.Error, $"kubeconfig: {e.Message}");
            return ExitCodes.BadInput;
        }

        using var client = new Kubernetes(configuration);
        if (preview)
        {
            return await new PreviewCommand(context, client, spec, new TimeProviderPacer(context.Time)).RunAsync(command);
        }

        return await new EngineRunner(context, client, spec, new TimeProviderPacer(context.Time), context.Time).RunAsync(command);
    }
}
