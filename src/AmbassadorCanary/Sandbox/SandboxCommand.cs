using System.Globalization;
using AmbassadorCanary.Cli;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using k8s;
using KubeEmulator;
using KubeEmulator.Ambassador;
using KubeEmulator.Controllers;
using KubeEmulator.Time;

namespace AmbassadorCanary.Sandbox;

/// <summary>
/// `sandbox`: a full canary rollout against a simulated cluster (API emulator, Deployment controller, Ambassador
/// with live synthetic traffic) on a virtual clock, so ten simulated minutes take seconds.
/// `sandbox serve`: the same cluster on the real clock, kept running for other processes (or kubectl).
/// </summary>
internal static class SandboxCommand
{
    private static readonly TimeSpan ReadyDelay = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(CommandContext context)
    {
        var words = context.CommandLine.Words;
        if (words.Count > 2 || (words.Count == 2 && words[1] != "serve"))
        {
            context.Host.LogIssue(IssueLevel.Error, $"sandbox: unknown argument '{words[^1]}'; use 'sandbox' or 'sandbox serve'");
            return ExitCodes.BadInput;
        }

        var scenarioName = context.Option(CliOptions.Scenario) ?? "healthy";
        var scenario = SandboxScenario.Find(scenarioName);
        var crdSet = ParseCrdSet(context.Option(CliOptions.CrdSet));
        if (scenario is null || crdSet is null)
        {
            if (scenario is null)
            {
                context.Host.LogIssue(IssueLevel.Error, $"--scenario '{scenarioName}': unknown; expected one of {string.Join(", ", SandboxScenario.All.Select(s => s.Name))}");
            }

            if (crdSet is null)
            {
                context.Host.LogIssue(IssueLevel.Error, $"--crd-set '{context.Option(CliOptions.CrdSet)}': unknown; expected emissary3 or emissary4");
            }

            return ExitCodes.BadInput;
        }

        return words.Count == 2
            ? await SandboxServe.RunAsync(context, scenario, crdSet.Value)
            : await RunRolloutAsync(context, scenario, crdSet.Value);
    }

    internal static SimulatedClusterOptions ClusterOptions(SandboxScenario scenario, AmbassadorCrdSet crdSet, TimeProvider time, TimeSpan readyDelay) => new()
    {
        Emulator = new EmulatorOptions { CrdSet = crdSet, Time = time },
        Deployments = new DeploymentControllerOptions
        {
            ReadyDelay = readyDelay,
            NeverReadyImages = scenario.CanaryNeverReady ? new HashSet<string> { SandboxWorld.CanaryImage } : new HashSet<string>(),
        },
        Ambassador = new AmbassadorSimulatorOptions
        {
            Seed = 7,
            Traffic = new TrafficProfile { RequestsPerSecond = 50, Path = "/web/", Host = "demo.example.com" },
            Images = new Dictionary<string, BackendBehaviour>
            {
                [SandboxWorld.StableImage] = SandboxScenario.Stable,
                [SandboxWorld.CanaryImage] = scenario.CanaryBehaviour ?? SandboxScenario.Stable,
            },
        },
    };

    internal static string MappingApiVersion(AmbassadorCrdSet crdSet) =>
        crdSet == AmbassadorCrdSet.Emissary4 ? "getambassador.io/v3alpha1" : "getambassador.io/v2";

    /// <summary>The demo target; the user's own flags come after these and win.</summary>
    internal static IReadOnlyList<CommandLineOption> SpecDefaults { get; } =
    [
        new("namespace", SandboxWorld.AppNamespace),
        new("deployment", SandboxWorld.App),
        new("image", $"{SandboxWorld.App}={SandboxWorld.CanaryImage}"),
        new("mapping", SandboxWorld.App),
        new("step-weights", "10,25,50"),
        new("interval", "1m"),
        new("progress-deadline", "2m"),
        new("envoy-namespace", SandboxWorld.AmbassadorNamespace),
    ];

    private static async Task<int> RunRolloutAsync(CommandContext context, SandboxScenario scenario, AmbassadorCrdSet crdSet)
    {
        var spec = context.LoadSpec(SpecDefaults);
        if (spec is null)
        {
            return ExitCodes.BadInput;
        }

        var clock = new VirtualClock();
        var token = context.Shutdown.RunToken;
        await using var cluster = await SimulatedCluster.StartAsync(ClusterOptions(scenario, crdSet, clock, ReadyDelay), token);
        SandboxWorld.Seed(cluster.Store, MappingApiVersion(crdSet));

        // Let the stable version come up and serve a minute of traffic before the canary arrives.
        clock.Advance(TimeSpan.FromMinutes(1));
        var host = context.Host;
        host.WriteLine($"sandbox: scenario '{scenario.Name}': {scenario.Description}");
        host.WriteLine($"sandbox: simulated cluster at {cluster.Api.BaseAddress} ({crdSet}), Ambassador pods: {string.Join(", ", cluster.Ambassador.ReadyAmbassadorPods)}");
        host.WriteLine($"sandbox: {spec.Target.Namespace}/{spec.Target.Deployment} {SandboxWorld.StableImage} -> {string.Join(", ", spec.Target.Images.Values)}, steps {Steps(spec)}, interval {spec.Interval}; simulated time runs fast");

        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.Api.BaseAddress.ToString() });
        var started = clock.GetUtcNow();
        var code = await new EngineRunner(context, client, spec, new VirtualClockPacer(clock), clock).RunAsync("rollout");
        host.WriteLine($"sandbox: finished after {(clock.GetUtcNow() - started).TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} simulated minutes with exit code {code} (expected {scenario.ExpectedExitCode} for '{scenario.Name}')");
        foreach (var (name, traffic) in cluster.Ambassador.GetTraffic().Clusters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            host.WriteLine($"sandbox: Envoy cluster {name}: {traffic.Responses} responses, {traffic.Errors5xx} 5xx");
        }

        return code;
    }

    private static string Steps(RolloutSpec spec) => string.Join(",", spec.Steps.Select(s => s switch
    {
        WeightStep w => w.Weight.ToString(CultureInfo.InvariantCulture),
        PauseStep { Duration: { } d } => $"pause:{d}",
        _ => "pause",
    }));

    private static AmbassadorCrdSet? ParseCrdSet(string? name) => name?.ToLowerInvariant() switch
    {
        null or "emissary3" => AmbassadorCrdSet.Emissary3,
        "emissary4" => AmbassadorCrdSet.Emissary4,
        _ => null,
    };
}
