using AmbassadorCanary.Analysis.Judgment;

namespace AmbassadorCanary.Analysis;

/// <summary>
/// What metrics analysis carries from one tick to the next (the judges' evidence so far). The engine persists it
/// with the rollout state and hands it back in AnalysisContext.State; every AnalysisVerdict carries the next one.
/// </summary>
public sealed record AnalysisState(int Ticks, SequentialCountJudgeState? Errors, LatencyJudgeState? Latency)
{
    public static readonly AnalysisState Initial = new(0, null, null);
}
