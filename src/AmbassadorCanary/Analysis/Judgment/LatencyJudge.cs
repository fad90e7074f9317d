using AmbassadorCanary.Analysis.Metrics;

namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>What the latency judge concludes at one look. Test is null while either side has too few samples.</summary>
internal sealed record LatencyJudgement(MannWhitneyResult? Test, double? ShiftMs, double AlphaThisLook, int Look, bool Regression, bool NoWorse);

/// <summary>
/// Canary vs primary latency from histograms, accumulated since the analysis began: a one-sided Mann-Whitney test
/// (canary slower), and the Hodges-Lehmann shift. A regression needs both significance and a shift of at least
/// MinEffectMs. Repeated looks spend alpha as alpha/(k(k+1)) at the k-th look: these sum to alpha over any number
/// of looks, so by the union bound the chance of a false regression over the whole rollout stays at most alpha.
/// </summary>
internal sealed class LatencyJudge(double alpha, double minEffectMs, long minSamples = 20)
{
    public (LatencyJudgeState State, LatencyJudgement Judgement) Observe(LatencyJudgeState state, LatencyHistogram canary, LatencyHistogram primary)
    {
        if (!canary.SameBounds(primary))
        {
            throw new ArgumentException("latency judge: canary and primary histograms have different buckets", nameof(primary));
        }

        var bounds = canary.Bounds;
        var sameBounds = state.Bounds.SequenceEqual(bounds) && state.Canary.Count == canary.Counts.Count && state.Primary.Count == primary.Counts.Count;
        var looks = sameBounds ? state.Looks : 0;
        var canaryTotal = sameBounds ? new LatencyHistogram(bounds, state.Canary).Add(canary) : canary;
        var primaryTotal = sameBounds ? new LatencyHistogram(bounds, state.Primary).Add(primary) : primary;

        LatencyJudgement judgement;
        if (canaryTotal.Total < minSamples || primaryTotal.Total < minSamples)
        {
            judgement = new LatencyJudgement(null, null, 0, looks, Regression: false, NoWorse: false);
        }
        else
        {
            looks++;
            var spent = alpha / (looks * (looks + 1.0));
            var test = MannWhitney.Test(canaryTotal.Counts, primaryTotal.Counts);
            var shift = HodgesLehmann.Shift(canaryTotal, primaryTotal);
            var significant = test is not null && test.PGreater <= spent;
            var bigEnough = shift is not null && shift.Value >= minEffectMs;
            judgement = new LatencyJudgement(test, shift, spent, looks, significant && bigEnough, shift is not null && shift.Value < minEffectMs);
        }

        return (new LatencyJudgeState(looks, bounds, canaryTotal.Counts, primaryTotal.Counts), judgement);
    }
}
