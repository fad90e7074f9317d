using AmbassadorCanary.Analysis;

namespace AmbassadorCanary.Hosts;

/// <summary>
/// What the pipeline is told at the end of a run: the outputs and the job summary are rendered from this.
/// The caller fills it from the engine's state; it must hold no secret.
/// </summary>
internal sealed record RolloutReport
{
    /// <summary>The command that ran: rollout, step, promote, …</summary>
    public required string Command { get; init; }

    /// <summary>namespace/deployment.</summary>
    public required string Target { get; init; }

    /// <summary>The rollout phase after this run (e.g. Progressing, Succeeded, RolledBack).</summary>
    public required string Phase { get; init; }

    /// <summary>One of <see cref="ReportResults"/>; drives the summary's headline.</summary>
    public required string Result { get; init; }

    /// <summary>Canary weight after this run, percent.</summary>
    public int Weight { get; init; }

    public string? CanaryRevision { get; init; }

    /// <summary>The last decision taken (continue, promote, rollback, pause, …).</summary>
    public string? Decision { get; init; }

    /// <summary>One sentence for people: why it ended like this.</summary>
    public string? Message { get; init; }

    public string? PreviewUrl { get; init; }

    /// <summary>One row per analysed step, oldest first.</summary>
    public IReadOnlyList<ReportRow> Rows { get; init; } = [];
}

/// <summary>One step of the rollout as it happened.</summary>
internal sealed record ReportRow(DateTimeOffset Time, int Weight, string Decision)
{
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    /// <summary>Canary success rate in percent for the chart; null when there was no data.</summary>
    public double? SuccessRate { get; init; }
}

/// <summary>The values of the result output.</summary>
internal static class ReportResults
{
    public const string Promoted = "promoted";
    public const string RolledBack = "rolled-back";
    public const string Progressing = "progressing";
    public const string Paused = "paused";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
    public const string Unchanged = "unchanged";
}
