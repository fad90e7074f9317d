using AmbassadorCanary.Cli;
using AmbassadorCanary.Hosts;
using KubeEmulator;

namespace AmbassadorCanary.Sandbox;

/// <summary>`sandbox serve`: the sandbox cluster on the real clock, until SIGINT/SIGTERM; writes a kubeconfig for it.</summary>
internal static class SandboxServe
{
    private static readonly TimeSpan ReadyDelay = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(CommandContext context, SandboxScenario scenario, AmbassadorCrdSet crdSet)
    {
        var kubeconfigOut = context.Option(CliOptions.KubeconfigOut);
        if (string.IsNullOrWhiteSpace(kubeconfigOut))
        {
            context.Host.LogIssue(IssueLevel.Error, "sandbox serve: --kubeconfig-out FILE is required (where to write the sandbox cluster's kubeconfig)");
            return ExitCodes.BadInput;
        }

        var token = context.Shutdown.RunToken;
        await using var cluster = await SimulatedCluster.StartAsync(
            SandboxCommand.ClusterOptions(scenario, crdSet, context.Time, ReadyDelay), token);
        SandboxWorld.Seed(cluster.Store, SandboxCommand.MappingApiVersion(crdSet));
        await using var metrics = await cluster.Ambassador.StartMetricsEndpointAsync(token);
        await WritePrivateFileAsync(kubeconfigOut, cluster.Api.KubeconfigYaml("sandbox-" + Guid.NewGuid().ToString("N")), token);
        try
        {
            context.Host.WriteLine($"sandbox serve: scenario '{scenario.Name}', API {cluster.Api.BaseAddress}, kubeconfig {kubeconfigOut}");
            context.Host.WriteLine($"sandbox serve: Envoy metrics for Prometheus at {metrics.MetricsUrl}");
            context.Host.WriteLine("sandbox serve: ready; stop with Ctrl+C");
            await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            context.Host.WriteLine("sandbox serve: stopped");
        }
        finally
        {
            File.Delete(kubeconfigOut);
        }

        return ExitCodes.Success;
    }

    /// <summary>Creates the file with mode 0600 before any content is written.</summary>
    private static async Task WritePrivateFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        // The create mode applies only to a new file: an existing one (perhaps world-readable) is replaced, not reused.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
    }
}
