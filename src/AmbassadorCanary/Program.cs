using AmbassadorCanary.Cli;
using AmbassadorCanary.Hosts;

namespace AmbassadorCanary;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var environment = HostEnvironment.FromProcess();
        using var shutdown = ShutdownSignal.ListenToProcessSignals(TimeProvider.System);
        return await new CliApplication(environment, TimeProvider.System).RunAsync(args, shutdown);
    }
}
