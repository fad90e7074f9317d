using System.Net;
using System.Text.Json.Nodes;
using KubeEmulator.Api;
using KubeEmulator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeEmulator;

/// <summary>
/// An in-process Kubernetes API server on 127.0.0.1 (a free port) that the real KubernetesClient talks to over HTTP.
/// See docs/emulator.md for what it serves and how faithfully.
/// </summary>
public sealed class KubeApiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly ChangeHistory _history;

    private KubeApiEmulator(WebApplication app, CancellationTokenSource stopping, ChangeHistory history, EmulatorOptions options, ObjectStore store, RequestLog requests, FaultInjector faults)
    {
        _app = app;
        _stopping = stopping;
        _history = history;
        Options = options;
        Store = store;
        Requests = requests;
        Faults = faults;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseAddress { get; }

    public ObjectStore Store { get; }

    public RequestLog Requests { get; }

    public FaultInjector Faults { get; }

    public EmulatorOptions Options { get; }

    public static async Task<KubeApiEmulator> StartAsync(EmulatorOptions options, CancellationToken ct)
    {
        var store = new ObjectStore(options.Time);
        foreach (var ns in new[] { "default", "kube-system" })
        {
            store.Create(ResourceType.Namespaces, null, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = ns, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            });
        }

        var history = new ChangeHistory(store);
        var api = new ApiContext(store, new ResourceCatalog(options.CrdSet), new ObjectCodec(options.CrdSet), new MappingAdmission(options), history, options);
        var requests = new RequestLog();
        var faults = new FaultInjector();
        var stopping = new CancellationTokenSource();
        var dispatcher = new ApiDispatcher(api, requests, faults, stopping.Token);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(KubeApiEmulator).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            history.Dispose();
            throw;
        }

        return new KubeApiEmulator(app, stopping, history, options, store, requests, faults);
    }

    /// <summary>A kubeconfig for this emulator: plain HTTP, one user with a bearer token (any token is accepted).</summary>
    public string KubeconfigYaml(string? token = null) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: emulator
          cluster:
            server: {BaseAddress.ToString().TrimEnd('/')}
        users:
        - name: emulator-user
          user:
            token: {token ?? "emulator-token"}
        contexts:
        - name: emulator
          context:
            cluster: emulator
            user: emulator-user
            namespace: default
        current-context: emulator

        """;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _history.Dispose();
        _stopping.Dispose();
    }
}
