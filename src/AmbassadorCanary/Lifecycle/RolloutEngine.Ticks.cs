using AmbassadorCanary.Analysis;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Workloads;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Lifecycle;

/// <summary>One tick's I/O around the pure state machine: open, observe, act, persist, cancel.</summary>
internal sealed partial class RolloutEngine
{
    /// <summary>Reads and checks everything (route, primary, images) before the first write; bad input throws RolloutInputException.</summary>
    private async Task<Session> OpenAsync(CancellationToken cancellationToken)
    {
        var router = await TrafficRouterFactory.CreateAsync(_client, _spec, _logger, cancellationToken);
        var names = CanaryNames.For(_spec.Target, router.Primary.Service.Name);
        var workload = new CanaryWorkload(_client, names, _logger);
        var primary = await workload.ReadPrimaryAsync(cancellationToken);
        var problems = CanaryWorkloadBuilder.CheckImages(primary, _spec.Target.Images);
        if (problems.Count > 0)
        {
            throw new RolloutInputException(string.Join(Environment.NewLine, problems));
        }

        await workload.ReadPrimaryServiceAsync(cancellationToken);
        return new Session(router, workload, new RolloutStateStore(_client, names), new RolloutEvents(_client, names, _time, _logger), primary.Metadata.Uid);
    }

    private async Task<Observations> ObserveAsync(Run run, RolloutState state, string desired, CancellationToken cancellationToken)
    {
        var (canary, primary) = await run.Session.Workload.ObserveAsync(state.Images, cancellationToken);
        var weight = await run.Session.Router.GetWeightAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var verdict = canary == WorkloadHealth.Ready && RolloutStateMachine.NeedsAnalysis(state, now, _spec)
            ? await AnalyseAsync(run.Session, state, now, cancellationToken)
            : null;
        return new Observations
        {
            Now = now,
            DesiredRevision = desired,
            RunId = RunId,
            Canary = canary,
            Primary = primary,
            RouteWeight = weight,
            Verdict = verdict,
            PromoteRequested = run.Command == Command.Promote,
            RollbackRequested = run.Command == Command.Rollback,
        };
    }

    private async Task<AnalysisVerdict> AnalyseAsync(Session session, RolloutState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var router = session.Router;
        var context = new AnalysisContext(_spec, state.Weight, session.Names.Primary, session.Names.Canary,
            router.Primary.StatsName ?? router.Names.DefaultPrimaryStats, router.Names.CanaryStats, now)
        {
            State = state.AnalysisState,
        };
        try
        {
            var verdict = await _analysis.EvaluateAsync(context, cancellationToken);
            LogChecks(state.Weight, verdict);
            return verdict;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A broken analysis is no data, never a pass: it counts against the no-data limit.
            EngineLog.AnalysisFailed(_logger, _target, e.Message);
            return new AnalysisVerdict(VerdictKind.Continue, [new CheckResult("analysis", CheckOutcome.NoData, null, "available", e.Message)]);
        }
    }

    /// <summary>Performs the decision's actions in order. Each is idempotent, so a run that dies halfway is repaired by the next.</summary>
    private static async Task ExecuteAsync(Session session, Decision decision, CancellationToken cancellationToken)
    {
        var state = decision.Next;
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case DeployCanary:
                    await session.Workload.ApplyAsync(state.Images, state.Revision, cancellationToken);
                    break;
                case ReconcileRoutes:
                    await session.Router.ReconcileAsync(cancellationToken);
                    break;
                case SetWeight set:
                    await session.Router.SetWeightAsync(set.Weight, cancellationToken);
                    break;
                case PromotePrimary:
                    await session.Workload.PromotePrimaryAsync(state.Images, state.Revision, cancellationToken);
                    break;
                case RemoveCanaryRoutes:
                    await session.Router.FinalizeAsync(cancellationToken);
                    break;
                case RemoveCanaryService:
                    await session.Workload.RemoveServiceAsync(cancellationToken);
                    break;
                case RemoveCanaryDeployment:
                    await session.Workload.RemoveDeploymentAsync(cancellationToken);
                    break;
                case Wait:
                case RunHooks: // performed by RunEndHooksAsync, after the canary objects are gone
                    break;
                default:
                    throw new InvalidOperationException($"no handler for action {action}");
            }
        }
    }

    /// <summary>Persists after the actions ran (a crash before this repeats them), then records the transition.</summary>
    private async Task SaveAsync(Run run, RolloutState before, Decision decision, CancellationToken cancellationToken)
    {
        var next = decision.Next;
        if (RolloutStateStore.Serialize(next) != RolloutStateStore.Serialize(before))
        {
            await run.Session.Store.SaveAsync(next, cancellationToken);
        }

        if (decision.IsTransition)
        {
            EngineLog.Transition(_logger, _target, before.Phase, next.Phase, next.StepIndex, next.Weight, decision.Reason);
            await run.Session.Events.RecordAsync(next.History[^1], next.Revision, run.Session.PrimaryUid, cancellationToken);
            Transitioned?.Invoke(this, decision);
        }
        else
        {
            EngineLog.Holding(_logger, _target, next.Phase, decision.Reason);
        }
    }

    /// <summary>
    /// Cancelled (pipeline cancel, SIGTERM): with OnCancel = Rollback the canary weight goes to 0 and the state becomes
    /// RollingBack, so the next run finishes the rollback; with Leave the state stays as it is. A promotion already
    /// under way is left for the next run to finish, but with OnCancel = Rollback its canary weight still goes to 0:
    /// nobody watches the canary's readiness after this process ends.
    /// </summary>
    private async Task<RolloutOutcome> CancelAsync(Run run, RolloutState state, Decision? last)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        var onCancelRollback = _spec.OnCancel == Spec.CancelBehaviour.Rollback;
        var rollBack = onCancelRollback
            && state.Phase is not (RolloutPhase.RollingBack or RolloutPhase.Promoting or RolloutPhase.Finalizing)
            && !state.Phase.IsTerminal();
        if (onCancelRollback && state.Phase == RolloutPhase.Promoting && state.Weight > 0)
        {
            return await UnweightPromotionAsync(run, state, last, grace.Token);
        }

        EngineLog.Cancelled(_logger, _target, state.Phase, rollBack ? "canary weight to 0, rolling back" : "state left as it is");
        if (!rollBack)
        {
            return RolloutOutcome.From(state, last, cancelled: true);
        }

        try
        {
            var decision = RolloutStateMachine.Next(state, new Observations
            {
                Now = _time.GetUtcNow(),
                DesiredRevision = state.Revision,
                RunId = RunId,
                RouteWeight = state.Weight,
                RollbackRequested = true,
            }, _spec);
            await run.Session.Router.SetWeightAsync(0, grace.Token);
            await SaveAsync(run, state, decision, grace.Token);
            return RolloutOutcome.From(decision.Next, decision, cancelled: true);
        }
        catch (Exception e) when (e is ClusterOperationException or HttpRequestException or OperationCanceledException)
        {
            return RolloutOutcome.From(state, last, cancelled: true) with { Message = $"cancelled; setting the canary weight to 0 failed: {e.Message}" };
        }
    }

    /// <summary>Cancelled while promoting: the primary keeps rolling out, the canary loses its weight; the next run finishes the promotion.</summary>
    private async Task<RolloutOutcome> UnweightPromotionAsync(Run run, RolloutState state, Decision? last, CancellationToken grace)
    {
        EngineLog.Cancelled(_logger, _target, state.Phase, "canary weight to 0, the next run finishes the promotion");
        try
        {
            var next = state with { Weight = 0, Message = "cancelled while promoting: canary weight 0; the next run finishes the promotion" };
            await run.Session.Router.SetWeightAsync(0, grace);
            await run.Session.Store.SaveAsync(next, grace);
            return RolloutOutcome.From(next, last, cancelled: true);
        }
        catch (Exception e) when (e is ClusterOperationException or HttpRequestException or OperationCanceledException)
        {
            return RolloutOutcome.From(state, last, cancelled: true) with { Message = $"cancelled; setting the canary weight to 0 failed: {e.Message}" };
        }
    }

    private sealed record Session(ITrafficRouter Router, CanaryWorkload Workload, RolloutStateStore Store, RolloutEvents Events, string? PrimaryUid)
    {
        public CanaryNames Names => Workload.Names;
    }

    /// <summary>Every tick's values and thresholds go to the log; a failed check as a warning.</summary>
    private void LogChecks(int weight, AnalysisVerdict verdict)
    {
        foreach (var check in verdict.Checks)
        {
            var level = check.Outcome == CheckOutcome.Fail ? LogLevel.Warning : LogLevel.Information;
            var value = check.Value?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
            EngineLog.Check(_logger, level, _target, check.Name, weight, check.Outcome, value, check.Threshold, check.Detail is null ? "" : $": {check.Detail}");
        }
    }
}
