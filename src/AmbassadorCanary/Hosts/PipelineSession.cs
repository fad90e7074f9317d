using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Hosts;

/// <summary>
/// The pipeline side of one run, in the order that keeps secrets safe: detect the host, read the inputs (secret ones
/// masked at once), listen for SIGINT/SIGTERM, then connect (kubeconfig secrets masked before the file is written),
/// log, and finally publish outputs, summary and completion. Dispose deletes the temporary kubeconfig.
/// </summary>
internal sealed class PipelineSession : IAsyncDisposable
{
    private ClusterConnection? _connection;

    private PipelineSession(IPipelineHost host, HostEnvironment environment, HostInputs inputs, ShutdownSignal shutdown)
    {
        Host = host;
        Environment = environment;
        Inputs = inputs;
        Shutdown = shutdown;
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddPipelineHost(host));
    }

    public IPipelineHost Host { get; }

    public HostEnvironment Environment { get; }

    /// <summary>The pipeline inputs (none on a local terminal): <see cref="HostInputs.ToSpecInputs"/> feeds the spec loader.</summary>
    public HostInputs Inputs { get; }

    public ShutdownSignal Shutdown { get; }

    /// <summary>Loggers that write the host's commands; create every logger of the run from it.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// Starts the session. <paramref name="forcedHost"/> ("github", "azure", "local") overrides detection; an unknown
    /// name throws. <paramref name="listenToSignals"/> is false only in tests, which trigger <see cref="ShutdownSignal.Request"/>.
    /// </summary>
    public static PipelineSession Start(HostEnvironment environment, TimeProvider time, string? forcedHost = null, bool verbose = false, bool listenToSignals = true)
    {
        var kind = forcedHost is null ? PipelineHostFactory.Detect(environment.GetVariable) : PipelineHostFactory.Parse(forcedHost);
        var host = PipelineHostFactory.Create(kind, environment, verbose);
        var inputs = host.ReadInputs();
        var shutdown = listenToSignals ? ShutdownSignal.ListenToProcessSignals(time) : new ShutdownSignal(time);
        return new PipelineSession(host, environment, inputs, shutdown);
    }

    /// <summary>Registers further secrets (e.g. from flags on a local run) before they can be logged.</summary>
    public void AddSecrets(IEnumerable<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                Host.AddSecret(value);
            }
        }
    }

    /// <summary>
    /// Resolves cluster access: the kubeconfig input (content or base64), else a kubeconfig file path (the CLI's
    /// --kubeconfig), else in-cluster, else the default kubeconfig. The session owns the result.
    /// </summary>
    /// <exception cref="FormatException">Bad kubeconfig or context; the message quotes no secret.</exception>
    public async Task<ClusterConnection> ConnectAsync(string? kubeconfigPath, string? context, CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            throw new InvalidOperationException("the session is already connected");
        }

        var resolver = new ClusterConnectionResolver(Host, Environment);
        var input = Inputs.Get("kubeconfig");
        context ??= Inputs.Get("context");
        _connection = input is null && !string.IsNullOrWhiteSpace(kubeconfigPath)
            ? await resolver.ResolveFileAsync(kubeconfigPath, context, cancellationToken)
            : await resolver.ResolveAsync(input, context, cancellationToken);
        return _connection;
    }

    /// <summary>Publishes every output and the job summary, then tells the host how the step ended.</summary>
    public void Finish(RolloutReport report, bool succeeded)
    {
        RolloutOutputs.Publish(Host, report);
        Host.Complete(succeeded, JobSummaryMarkdown.Headline(report));
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        LoggerFactory.Dispose();
        Shutdown.Dispose();
    }
}
