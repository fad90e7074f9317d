using AmbassadorCanary.Analysis;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Workloads;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// Runs a rollout: observes, asks the state machine, performs its actions in order, persists the state, records an
/// Event, waits, and again. The state lives in the cluster, so any run (this process or a later one) can continue it.
/// Every public method returns an outcome with an exit code instead of throwing for expected failures.
/// </summary>
internal sealed partial class RolloutEngine
{
    private readonly IKubernetes _client;
    private readonly RolloutSpec _spec;
    private readonly ICanaryAnalysis _analysis;
    private readonly IRolloutPacer _pacer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _target;
    private readonly Analysis.Webhooks.WebhookRunner? _webhooks;

    /// <param name="runId">This run's identity (lease holder, "until the next run" pauses); unique per process. Generated when null.</param>
    /// <param name="webhooks">Calls the lifecycle webhooks; required when the spec has pre-rollout, confirm-promotion, post-rollout or rollback hooks.</param>
    public RolloutEngine(IKubernetes client, RolloutSpec spec, ICanaryAnalysis analysis, IRolloutPacer pacer, TimeProvider time, ILoggerFactory loggers, string? runId = null,
        Analysis.Webhooks.WebhookRunner? webhooks = null)
    {
        _webhooks = CheckWebhooks(spec, webhooks);
        KubernetesJsonSetup.Register();
        _client = client;
        _spec = spec;
        _analysis = analysis;
        _pacer = pacer;
        _time = time;
        _logger = loggers.CreateLogger<RolloutEngine>();
        _target = $"{spec.Target.Namespace}/{spec.Target.Deployment}";
        RunId = runId ?? $"ambassador-canary-{Guid.NewGuid():N}"[..30];
    }

    private enum Command
    {
        None,
        Promote,
        Rollback,
    }

    public string RunId { get; }

    /// <summary>Raised after every transition is persisted (for live progress in the CLI and the sandbox).</summary>
    public event EventHandler<Decision>? Transitioned;

    /// <summary>`rollout` drives to a terminal phase (or to a pause for another run or a command); `step` makes at most one transition.</summary>
    public Task<RolloutOutcome> RunAsync(RunMode mode, CancellationToken cancellationToken) => DriveAsync(mode, Command.None, cancellationToken);

    /// <summary>Promotes the rollout in progress now (the canary must be ready) and drives it to Succeeded.</summary>
    public Task<RolloutOutcome> PromoteAsync(CancellationToken cancellationToken) => DriveAsync(RunMode.Rollout, Command.Promote, cancellationToken);

    /// <summary>Rolls the rollout in progress back now and drives it to RolledBack. The primary is not touched.</summary>
    public Task<RolloutOutcome> RollbackAsync(CancellationToken cancellationToken) => DriveAsync(RunMode.Rollout, Command.Rollback, cancellationToken);

    private async Task<RolloutOutcome> DriveAsync(RunMode mode, Command command, CancellationToken cancellationToken)
    {
        RolloutState? state = null;
        try
        {
            var session = await OpenAsync(cancellationToken);
            var rolloutLock = new RolloutLock(_client, session.Names, RunId, _spec.LockDuration, _time);
            await rolloutLock.AcquireAsync(cancellationToken);
            try
            {
                var run = new Run(session, rolloutLock, mode, command);
                return await LoopAsync(run, s => state = s, cancellationToken);
            }
            finally
            {
                await ReleaseQuietlyAsync(rolloutLock);
            }
        }
        catch (RolloutInputException e)
        {
            return Failed(state, ExitCodes.BadInput, e.Message);
        }
        catch (RolloutLockedException e)
        {
            return Failed(state, ExitCodes.InfrastructureError, e.Message);
        }
        catch (ClusterOperationException e)
        {
            return Failed(state, ExitCodes.InfrastructureError, e.Message);
        }
        catch (HttpOperationException e)
        {
            return Failed(state, ExitCodes.InfrastructureError, $"Kubernetes API: {e.Describe()}");
        }
        catch (HttpRequestException e)
        {
            return Failed(state, ExitCodes.InfrastructureError, $"Kubernetes API unreachable: {e.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Failed(state, ExitCodes.RolledBack, "cancelled before the rollout started") with { Cancelled = true };
        }
    }

    private async Task<RolloutOutcome> LoopAsync(Run run, Action<RolloutState> track, CancellationToken cancellationToken)
    {
        var (state, desired) = await BeginAsync(run, cancellationToken);
        track(state);
        if (state.Phase.IsTerminal())
        {
            return RolloutOutcome.From(state, null);
        }

        Decision? last = null;
        try
        {
            while (true)
            {
                await run.Lock.RenewAsync(cancellationToken);
                var observations = await WithHooksAsync(run.Session, state, await ObserveAsync(run, state, desired, cancellationToken), cancellationToken);
                var decision = RolloutStateMachine.Next(state, observations, _spec);
                await ExecuteAsync(run.Session, decision, cancellationToken);
                decision = await RunEndHooksAsync(decision, cancellationToken);
                await SaveAsync(run, state, decision, cancellationToken);
                state = decision.Next;
                last = decision;
                track(state);

                if (state.Phase.IsTerminal())
                {
                    if (run.Command != Command.None || state.Revision == desired)
                    {
                        return RolloutOutcome.From(state, last);
                    }

                    // The superseded revision is rolled back: start the new one.
                    state = await StartAsync(run, desired, cancellationToken);
                    track(state);
                    if (run.Mode == RunMode.Step)
                    {
                        return RolloutOutcome.From(state, last);
                    }

                    continue;
                }

                if (decision.Wait is not { Duration: { } wait } || (run.Mode == RunMode.Step && (decision.IsTransition || wait > TimeSpan.Zero)))
                {
                    return RolloutOutcome.From(state, last);
                }

                if (wait > TimeSpan.Zero)
                {
                    await _pacer.WaitAsync(wait, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await CancelAsync(run, state, last);
        }
    }

    /// <summary>Loads the state and decides what this run works on: resume, start, or (for commands) the rollout in progress.</summary>
    private async Task<(RolloutState State, string Desired)> BeginAsync(Run run, CancellationToken cancellationToken)
    {
        var state = await run.Session.Store.LoadAsync(cancellationToken);
        if (run.Command != Command.None)
        {
            if (state is null || state.Phase.IsTerminal())
            {
                throw new RolloutInputException(state is null
                    ? $"no rollout of Deployment {_target} to {run.Command.ToString().ToLowerInvariant()}"
                    : $"the rollout of Deployment {_target} (revision {state.Revision}) is already {state.Phase}; nothing to {run.Command.ToString().ToLowerInvariant()}");
            }

            EngineLog.Resuming(_logger, _target, state.Revision, state.Phase, state.StepIndex, state.Weight);
            return (state, state.Revision);
        }

        var desired = RolloutRevision.Of(_spec.Target.Images);
        if (state is null || (state.Phase.IsTerminal() && state.Revision != desired))
        {
            return (await StartAsync(run, desired, cancellationToken), desired);
        }

        if (state.Phase.IsTerminal())
        {
            EngineLog.AlreadyDone(_logger, _target, desired, state.Phase);
        }
        else
        {
            EngineLog.Resuming(_logger, _target, state.Revision, state.Phase, state.StepIndex, state.Weight);
        }

        return (state, desired);
    }

    private async Task<RolloutState> StartAsync(Run run, string revision, CancellationToken cancellationToken)
    {
        EngineLog.Starting(_logger, _target, revision);
        var state = RolloutState.Start(revision, _spec.Target.Images, _time.GetUtcNow());
        await run.Session.Store.SaveAsync(state, cancellationToken);
        return state;
    }

    private RolloutOutcome Failed(RolloutState? state, int exitCode, string message) =>
        new(state?.Phase ?? RolloutPhase.Initializing, state?.Weight ?? 0, state?.Revision ?? RolloutRevision.Of(_spec.Target.Images), exitCode, message)
        {
            History = state?.History ?? [],
            State = state,
        };

    private async Task ReleaseQuietlyAsync(RolloutLock rolloutLock)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
            await rolloutLock.ReleaseAsync(timeout.Token);
        }
        catch (Exception e) when (e is ClusterOperationException or HttpRequestException or OperationCanceledException)
        {
            // The lease expires by itself; a failed release only delays the next run by LockDuration.
            EngineLog.LockNotReleased(_logger, _target, e.Message);
        }
    }

    private sealed record Run(Session Session, RolloutLock Lock, RunMode Mode, Command Command);
}
