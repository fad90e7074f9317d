using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Cli;

/// <summary>Turns the engine's outcome into the report the pipeline host publishes (outputs, job summary).</summary>
internal static class RolloutReportBuilder
{
    public static RolloutReport Build(string command, RolloutSpec spec, RolloutOutcome outcome)
    {
        var state = outcome.State;
        return new RolloutReport
        {
            Command = command,
            Target = $"{spec.Target.Namespace}/{spec.Target.Deployment}",
            Phase = outcome.Phase.ToString(),
            Result = Result(outcome),
            Weight = outcome.Weight,
            CanaryRevision = outcome.Revision,
            Decision = outcome.LastDecision?.Reason ?? state?.Message,
            Message = outcome.Message,
            Rows = state is null ? [] : Rows(state),
        };
    }

    private static string Result(RolloutOutcome outcome) =>
        outcome.Cancelled ? ReportResults.Cancelled
        : outcome.ExitCode == ExitCodes.InfrastructureError || outcome.ExitCode == ExitCodes.BadInput ? ReportResults.Failed
        : outcome.Phase switch
        {
            RolloutPhase.Succeeded => ReportResults.Promoted,
            RolloutPhase.RolledBack or RolloutPhase.RollingBack => ReportResults.RolledBack,
            RolloutPhase.Paused => ReportResults.Paused,
            _ => ReportResults.Progressing,
        };

    /// <summary>One row per analysed tick and per transition, oldest first; a transition in an analysed tick shares its row.</summary>
    private static List<ReportRow> Rows(RolloutState state)
    {
        var transitions = state.History.ToLookup(h => h.At);
        var rows = state.Analysis
            .Select(a => new ReportRow(a.At, a.Weight, Describe(a.Verdict, transitions[a.At]))
            {
                Checks = a.Checks,
                SuccessRate = a.Checks.FirstOrDefault(c => c.Name == StaticChecks.SuccessRate && c.Outcome != CheckOutcome.NoData)?.Value,
            })
            .ToList();
        var analysedAt = rows.Select(r => r.Time).ToHashSet();
        rows.AddRange(state.History
            .Where(h => !analysedAt.Contains(h.At))
            .Select(h => new ReportRow(h.At, h.Weight, Describe(h))));
        return [.. rows.OrderBy(r => r.Time)];
    }

    private static string Describe(VerdictKind verdict, IEnumerable<DecisionRecord> transitions)
    {
        var moves = transitions.Select(Describe).ToList();
        var head = verdict switch
        {
            VerdictKind.RollbackNow => "judge: roll back",
            VerdictKind.PromoteNow => "judge: promote",
            _ => "continue",
        };
        return moves.Count == 0 ? head : $"{head}; {string.Join("; ", moves)}";
    }

    private static string Describe(DecisionRecord h) => $"{h.From} → {h.To}: {h.Reason}";
}
