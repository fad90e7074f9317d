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
        // Every problem with the sandbox's own flags and the spec is reported at once, before anything starts.
        var problems = new List<string>();
        var words = context.CommandLine.Words;
        var serve = words.Count == 2 && words[1] == "serve";
        if (words.Count > 2 || (words.Count == 2 && !serve))
        {
            problems.Add($"sandbox: unknown argument '{words[^1]}'; use 'sandbox' or 'sandbox serve'");
        }

        var scenarioName = context.Option(CliOptions.Scenario) ?? "healthy";
        var scenario = SandboxScenario.Find(scenarioName);
        if (scenario is null)
        {
            problems.Add($"--scenario '{scenarioName}': unknown; expected one of {string.Join(", ", SandboxScenario.All.Select(s => s.Name))}");
        }

        var crdSet = ParseCrdSet(context.Option(CliOptions.CrdSet));
        if (crdSet is null)
        {
            problems.Add($"--crd-set '{context.Option(CliOptions.CrdSet)}': unknown; expected emissary3 or emissary4");
        }

        if (serve && string.IsNullOrWhiteSpace(context.Option(CliOptions.KubeconfigOut)))
        {
            problems.Add("sandbox serve: --kubeconfig-out FILE is required (where to write the sandbox cluster's kubeconfig)");
        }

        foreach (var problem in problems)
        {
            context.Host.LogIssue(IssueLevel.Error, problem);
        }

        // A default the user gave as a flag is left out: the loader refuses a flag given twice.
        var spec = serve ? null : context.LoadSpec([.. SpecDefaults.Where(d => context.CommandLine.Value(d.Name) is null)]);
        if (problems.Count > 0 || scenario is null || crdSet is null || (!serve && spec is null))
        {
            return ExitCodes.BadInput;
        }

        return serve
            ? await SandboxServe.RunAsync(context, scenario, crdSet.Value)
            : await RunRolloutAsync(context, spec!, scenario, crdSet.Value);
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

    /// <summary>The demo target; a flag the user gives replaces the default of the same name.</summary>
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

    private static async Task<int> RunRolloutAsync(CommandContext context, RolloutSpec spec, SandboxScenario scenario, AmbassadorCrdSet crdSet)
    {
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
