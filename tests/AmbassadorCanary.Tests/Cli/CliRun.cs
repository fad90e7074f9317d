using AmbassadorCanary.Cli;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Tests.Hosts;

namespace AmbassadorCanary.Tests.Cli;

/// <summary>Runs the CLI in-process, as Program.Main does, with an in-memory environment and stdout.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, TestHostEnvironment Environment)> RunAsync(IReadOnlyList<string> args, TestHostEnvironment? environment = null, TimeProvider? time = null)
    {
        KubernetesJsonSetup.Register();
        environment ??= new TestHostEnvironment();
        time ??= TimeProvider.System;
        await using var session = PipelineSession.Start(environment.Build(), time, listenToSignals: false);
        var code = await new CliApplication(session, time).RunAsync(args);
        return (code, environment);
    }
}
