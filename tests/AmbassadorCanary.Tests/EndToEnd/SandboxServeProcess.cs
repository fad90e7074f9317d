using System.Net;
using System.Text.Json.Nodes;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Tests.Hosts.Runner;
using k8s;
using k8s.Autorest;

namespace AmbassadorCanary.Tests.EndToEnd;

/// <summary>
/// `ambassador-canary sandbox serve` as a child process: a simulated cluster on the real clock with its kubeconfig in
/// a temp directory, and a KubernetesClient against it. Dispose stops it with SIGINT (killing it if it does not stop)
/// and deletes the directory.
/// </summary>
internal sealed class SandboxServeProcess : IAsyncDisposable
{
    public const string Namespace = "demo";
    public const string EnvoyNamespace = "emissary";

    /// <summary>Guards only against a hang; a healthy start takes a second or two.</summary>
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _directory;
    private readonly ToolProcess _process;
    private string? _mappingVersion;

    private SandboxServeProcess(DirectoryInfo directory, ToolProcess process, string kubeconfig)
    {
        _directory = directory;
        _process = process;
        Kubeconfig = kubeconfig;
        Token = kubeconfig.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..];
        KubernetesJsonSetup.Register();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(kubeconfig));
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(stream));
    }

    /// <summary>The kubeconfig content the serve process wrote (mode 0600).</summary>
    public string Kubeconfig { get; }

    /// <summary>The bearer token inside <see cref="Kubeconfig"/>: a secret the tool must mask.</summary>
    public string Token { get; }

    public Kubernetes Client { get; }

    public static async Task<SandboxServeProcess> StartAsync(string scenario = "healthy")
    {
        var directory = Directory.CreateTempSubdirectory("canary-serve-");
        var kubeconfigPath = Path.Combine(directory.FullName, "kubeconfig");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = directory.FullName,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot)
        {
            environment["DOTNET_ROOT"] = dotnetRoot;
        }

        ToolProcess? process = null;
        try
        {
            process = ToolProcess.Start(
                ToolProcess.ToolPath(), ["sandbox", "serve", "--kubeconfig-out", kubeconfigPath, "--scenario", scenario], environment, directory.FullName);
            await process.WaitForOutputAsync("sandbox serve: ready", ReadyLimit);
            if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(kubeconfigPath) is var mode && mode != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
            {
                throw new InvalidOperationException($"the sandbox kubeconfig has mode {mode}, expected 0600");
            }

            return new SandboxServeProcess(directory, process, await File.ReadAllTextAsync(kubeconfigPath));
        }
        catch
        {
            process?.Dispose();
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>A Mapping in <see cref="Namespace"/>, or null when it does not exist; finds the served CRD version once.</summary>
    public async Task<JsonObject?> MappingAsync(string name)
    {
        foreach (var version in _mappingVersion is null ? ["v2", "v3alpha1"] : new[] { _mappingVersion })
        {
            try
            {
                var mapping = await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("getambassador.io", version, Namespace, "mappings", name);
                _mappingVersion = version;
                return mapping;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                if (_mappingVersion is not null || await MappingVersionServedAsync(version))
                {
                    _mappingVersion = version;
                    return null;
                }
            }
        }

        throw new InvalidOperationException("the sandbox serves no getambassador.io Mapping version this test knows");
    }

    /// <summary>The canary weight of a Mapping: 0 when it has none or does not exist.</summary>
    public async Task<int> CanaryWeightAsync(string mappingName) =>
        (await MappingAsync(mappingName))?["spec"]?["weight"]?.GetValue<int>() ?? 0;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Signal("INT");
                await _process.WaitForExitAsync(StopLimit);
            }
        }
        finally
        {
            Client.Dispose();
            _process.Dispose();
            _directory.Delete(recursive: true);
        }
    }

    private async Task<bool> MappingVersionServedAsync(string version)
    {
        try
        {
            await Client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>("getambassador.io", version, Namespace, "mappings");
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
