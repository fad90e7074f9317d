namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>The latency judge's running state: the histograms accumulated since analysis began, and how many tests were run.</summary>
public sealed record LatencyJudgeState(int Looks, IReadOnlyList<double> Bounds, IReadOnlyList<long> Canary, IReadOnlyList<long> Primary)
{
    public static readonly LatencyJudgeState Initial = new(0, [], [], []);
}
