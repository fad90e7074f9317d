using AmbassadorCanary.Analysis;
using AmbassadorCanary.Lifecycle;

namespace AmbassadorCanary.Hosts;

/// <summary>Turns the engine's outcome (and the state it carries) into the report the pipeline publishes.</summary>
internal static class RolloutReportBuilder
{
    /// <summary>The check whose value the chart draws as the success rate (percent).</summary>
    public const string SuccessRateCheck = "success-rate";

    /// <param name="command">The command that ran (rollout, step, …).</param>
    /// <param name="target">namespace/deployment.</param>
    public static RolloutReport FromOutcome(RolloutOutcome outcome, string command, string target, string? previewUrl = null)
    {
        var state = outcome.State;
        var history = state?.History ?? outcome.History;
        return new RolloutReport
        {
            Command = command,
            Target = target,
            Phase = outcome.Phase.ToString(),
            Result = Result(outcome),
            Weight = outcome.Weight,
            CanaryRevision = Revision(state?.Images, outcome.Revision),
            Decision = history.Count == 0 ? null : DecisionOf(history[^1]),
            Message = outcome.Message,
            PreviewUrl = previewUrl,
            Rows = Rows(history, state?.Analysis ?? []),
        };
    }

    private static string Result(RolloutOutcome outcome) => outcome switch
    {
        { Cancelled: true } => ReportResults.Cancelled,
        { Phase: RolloutPhase.Succeeded } => ReportResults.Promoted,
        { Phase: RolloutPhase.RolledBack or RolloutPhase.RollingBack } => ReportResults.RolledBack,
        { ExitCode: not ExitCodes.Success } => ReportResults.Failed,
        { Phase: RolloutPhase.Paused } => ReportResults.Paused,
        _ => ReportResults.Progressing,
    };

    /// <summary>One image: its reference; several: container=image pairs; none known: the revision hash.</summary>
    private static string Revision(IReadOnlyDictionary<string, string>? images, string revision) => images switch
    {
        null or { Count: 0 } => revision,
        { Count: 1 } => images.Values.First(),
        _ => string.Join(", ", images.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Key + "=" + i.Value)),
    };

    private static string DecisionOf(DecisionRecord record) => record.To switch
    {
        RolloutPhase.RollingBack or RolloutPhase.RolledBack => "rollback",
        RolloutPhase.Promoting or RolloutPhase.Finalizing or RolloutPhase.Succeeded => "promote",
        RolloutPhase.Paused => "pause",
        RolloutPhase.Progressing when record.From == RolloutPhase.Progressing => "continue",
        _ => record.To.ToString().ToLowerInvariant(),
    };

    /// <summary>Transitions and analysed ticks, oldest first: transitions carry the weight changes, ticks the checks.</summary>
    private static List<ReportRow> Rows(IReadOnlyList<DecisionRecord> history, IReadOnlyList<AnalysisRecord> analysis)
    {
        var rows = history.Select(h => (h.At, Order: 1, Row: new ReportRow(h.At, h.Weight, DecisionOf(h) + ": " + h.Reason)))
            .Concat(analysis.Select(a => (a.At, Order: 0, Row: new ReportRow(a.At, a.Weight, Verdict(a))
            {
                Checks = a.Checks,
                SuccessRate = a.Checks.FirstOrDefault(c => c.Name == SuccessRateCheck && c.Outcome != CheckOutcome.NoData)?.Value,
            })));
        return [.. rows.OrderBy(r => r.At).ThenBy(r => r.Order).Select(r => r.Row)];
    }

    private static string Verdict(AnalysisRecord record) => record.Verdict switch
    {
        VerdictKind.RollbackNow => "rollback now (judge)",
        VerdictKind.PromoteNow => "promote now (judge)",
        _ when record.Checks.Any(c => c.Outcome == CheckOutcome.Fail) => "check failed",
        _ when record.Checks.Any(c => c.Outcome == CheckOutcome.NoData) => "no data",
        _ => "checks passed",
    };
}
