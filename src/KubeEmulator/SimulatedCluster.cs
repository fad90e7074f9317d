using KubeEmulator.Ambassador;
using KubeEmulator.Controllers;
using KubeEmulator.Store;

namespace KubeEmulator;

public sealed record SimulatedClusterOptions
{
    /// <summary>The API server's options. Its PodProxy is replaced by the simulated Ambassador's.</summary>
    public EmulatorOptions Emulator { get; init; } = new();

    public DeploymentControllerOptions Deployments { get; init; } = new();

    public AmbassadorSimulatorOptions Ambassador { get; init; } = new();
}

/// <summary>
/// A whole pretend cluster: the API emulator, the Deployment controller and a simulated Ambassador on one store and
/// one clock. The sandbox command and the integration tests start this.
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private SimulatedCluster(KubeApiEmulator api, DeploymentController deployments, AmbassadorSimulator ambassador)
    {
        Api = api;
        Deployments = deployments;
        Ambassador = ambassador;
    }

    public KubeApiEmulator Api { get; }

    public DeploymentController Deployments { get; }

    public AmbassadorSimulator Ambassador { get; }

    public ObjectStore Store => Api.Store;

    public TimeProvider Time => Api.Options.Time;

    public static async Task<SimulatedCluster> StartAsync(SimulatedClusterOptions options, CancellationToken cancellationToken)
    {
        // The simulator needs the emulator's store, and the emulator needs the simulator's pod proxy: late-bind it.
        AmbassadorSimulator? ambassador = null;
        var emulatorOptions = options.Emulator with
        {
            PodProxy = (request, ct) => ambassador is null ? Task.FromResult<PodProxyResponse?>(null) : ambassador.PodProxy(request, ct),
        };
        var api = await KubeApiEmulator.StartAsync(emulatorOptions, cancellationToken);
        var time = emulatorOptions.Time;
        var deployments = new DeploymentController(api.Store, time, options.Deployments);
        ambassador = new AmbassadorSimulator(api.Store, time, options.Ambassador);
        return new SimulatedCluster(api, deployments, ambassador);
    }

    public async ValueTask DisposeAsync()
    {
        Ambassador.Dispose();
        Deployments.Dispose();
        await Api.DisposeAsync();
    }
}
