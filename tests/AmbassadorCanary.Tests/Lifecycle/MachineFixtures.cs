using AmbassadorCanary.Analysis;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>States, observations and specs for driving the state machine by hand.</summary>
internal static class MachineFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static RolloutSpec MakeSpec(params RolloutStep[] steps) => new()
    {
        Target = new TargetSpec { Namespace = "prod", Deployment = "web", Images = new Dictionary<string, string> { ["web"] = "web:2" } },
        Route = new RouteSpec { Mapping = "web" },
        Steps = steps.Length == 0 ? [new WeightStep(10), new WeightStep(50)] : steps,
        Interval = TimeSpan.FromMinutes(1),
        ProgressDeadline = TimeSpan.FromMinutes(10),
        Timeout = TimeSpan.FromMinutes(60),
        FailureLimit = 1,
    };

    /// <summary>A state in phase, entered `sinceTransition` before T0 + `sinceStart`.</summary>
    public static RolloutState State(RolloutPhase phase, int step = -1, int weight = 0, TimeSpan? sinceTransition = null) => new()
    {
        Phase = phase,
        Revision = "rev1",
        StepIndex = step,
        Weight = weight,
        StartedAt = T0,
        LastTransitionAt = T0 + TimeSpan.FromMinutes(5) - (sinceTransition ?? TimeSpan.Zero),
    };

    /// <summary>Observations at T0 + 5 minutes, with a ready canary at the state's weight.</summary>
    public static Observations Seen(
        WorkloadHealth canary = WorkloadHealth.Ready,
        int? routeWeight = 0,
        WorkloadHealth primary = WorkloadHealth.Progressing,
        AnalysisVerdict? verdict = null,
        bool promote = false,
        bool rollback = false,
        string revision = "rev1",
        string run = "run-a",
        TimeSpan? at = null) => new()
        {
            Now = T0 + (at ?? TimeSpan.FromMinutes(5)),
            DesiredRevision = revision,
            RunId = run,
            Canary = canary,
            Primary = primary,
            RouteWeight = routeWeight,
            Verdict = verdict,
            PromoteRequested = promote,
            RollbackRequested = rollback,
        };

    public static AnalysisVerdict Verdict(CheckOutcome outcome, VerdictKind kind = VerdictKind.Continue) =>
        new(kind, [new CheckResult("success-rate", outcome, outcome == CheckOutcome.NoData ? null : 97.5, ">= 99")]);

    /// <summary>Actions as compact text, e.g. "ReconcileRoutes SetWeight(10) Wait(60s)".</summary>
    public static string Describe(IEnumerable<RolloutAction> actions) => string.Join(' ', actions.Select(a => a switch
    {
        SetWeight w => $"SetWeight({w.Weight})",
        Wait { Duration: null } => "Wait(next run)",
        Wait { Duration: { } d } => $"Wait({d.TotalSeconds}s)",
        _ => a.GetType().Name,
    }));
}
