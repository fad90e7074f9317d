using AmbassadorCanary.Cli;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Routing;

namespace AmbassadorCanary;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Before anything touches KubernetesClient: its JSON options freeze on first use.
        KubernetesJsonSetup.Register();
        var time = TimeProvider.System;
        try
        {
            await using var session = PipelineSession.Start(HostEnvironment.FromProcess(), time, verbose: args.Contains("--debug"));
            return await new CliApplication(session, time).RunAsync(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
