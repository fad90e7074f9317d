using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using k8s;

namespace AmbassadorCanary.Cli;

/// <summary>The commands that act on a real cluster: load the spec, connect, and hand over to the engine.</summary>
internal static class ClusterCommand
{
    public static async Task<int> RunAsync(string command, CommandContext context)
    {
        // Bad input stops here, before a connection is even attempted.
        var spec = context.LoadSpec();
        if (spec is null)
        {
            return ExitCodes.BadInput;
        }

        ClusterConnection connection;
        try
        {
            var resolver = new ClusterConnectionResolver(context.Host, context.Environment);
            var file = context.CommandLine.Value(CliOptions.Kubeconfig);
            connection = file is not null
                ? await resolver.ResolveFileAsync(file, context.Option(CliOptions.Context), context.Shutdown.RunToken)
                : await resolver.ResolveAsync(context.Inputs.Get(CliOptions.Kubeconfig), context.Option(CliOptions.Context), context.Shutdown.RunToken);
        }
        catch (FormatException e)
        {
            context.Host.LogIssue(IssueLevel.Error, e.Message);
            return ExitCodes.BadInput;
        }

        await using (connection)
        {
            KubernetesClientConfiguration configuration;
            try
            {
                configuration = connection.BuildClientConfiguration();
            }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or FormatException or IOException)
            {
                context.Host.LogIssue(IssueLevel.Error, $"kubeconfig: {e.Message}");
                return ExitCodes.BadInput;
            }

            using var client = new Kubernetes(configuration);
            var runner = new EngineRunner(context, client, spec, new TimeProviderPacer(context.Time));
            return await runner.RunAsync(command);
        }
    }
}
