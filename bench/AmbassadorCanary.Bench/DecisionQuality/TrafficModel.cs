using AmbassadorCanary.Analysis.Metrics;

namespace AmbassadorCanary.Bench.DecisionQuality;

/// <summary>One simulated case: the true behaviour of primary and canary.</summary>
internal sealed record TrafficCase(string Name, double CanaryErrorRate, double CanaryLatencyScale)
{
    public const double TotalRps = 50;
    public const double CanaryShare = 0.10;
    public const double BaselineErrorRate = 0.01;

    /// <summary>Log-normal latency: median 60 ms, sigma 0.7 (p99 about 305 ms).</summary>
    public const double LatencyMedianMs = 60;
    public const double LatencySigma = 0.7;

    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);
    public const int TicksPerRollout = 60;
}

/// <summary>One 10-second tick of a simulated rollout: what Envoy would have counted for each backend.</summary>
internal sealed record SimulatedTick(TrafficSample Canary, TrafficSample Primary);

/// <summary>
/// A light model of Ambassador's traffic: Poisson arrivals at TotalRps, each routed to the canary with probability
/// CanaryShare (Envoy's weighted choice), failing with its backend's error rate, its latency log-normal and counted
/// into Envoy's default histogram buckets.
/// </summary>
internal static class TrafficModel
{
    public static SimulatedTick[] Rollout(TrafficCase traffic, Random random)
    {
        var bounds = LatencyHistogram.EnvoyDefaultBounds;
        var ticks = new SimulatedTick[TrafficCase.TicksPerRollout];
        var tickSeconds = TrafficCase.Tick.TotalSeconds;
        var clock = Exponential(random, TrafficCase.TotalRps);
        for (var t = 0; t < ticks.Length; t++)
        {
            var end = (t + 1) * tickSeconds;
            long canaryRq = 0, canaryErr = 0, primaryRq = 0, primaryErr = 0;
            var canaryLatency = new long[bounds.Count + 1];
            var primaryLatency = new long[bounds.Count + 1];
            for (; clock < end; clock += Exponential(random, TrafficCase.TotalRps))
            {
                var toCanary = random.NextDouble() < TrafficCase.CanaryShare;
                var errorRate = toCanary ? traffic.CanaryErrorRate : TrafficCase.BaselineErrorRate;
                var failed = random.NextDouble() < errorRate;
                var latency = TrafficCase.LatencyMedianMs * Math.Exp(TrafficCase.LatencySigma * Gaussian(random)) * (toCanary ? traffic.CanaryLatencyScale : 1);
                var bucket = Bucket(bounds, latency);
                if (toCanary)
                {
                    canaryRq++;
                    canaryErr += failed ? 1 : 0;
                    canaryLatency[bucket]++;
                }
                else
                {
                    primaryRq++;
                    primaryErr += failed ? 1 : 0;
                    primaryLatency[bucket]++;
                }
            }

            ticks[t] = new SimulatedTick(
                new TrafficSample(canaryRq, canaryErr, new LatencyHistogram(bounds, canaryLatency)),
                new TrafficSample(primaryRq, primaryErr, new LatencyHistogram(bounds, primaryLatency)));
        }

        return ticks;
    }

    /// <summary>Probability of each Envoy bucket for the case's latency distribution (for the oracle).</summary>
    public static double[] BucketProbabilities(double scale)
    {
        var bounds = LatencyHistogram.EnvoyDefaultBounds;
        var p = new double[bounds.Count + 1];
        double below = 0;
        for (var i = 0; i < bounds.Count; i++)
        {
            var cdf = NormalCdf(Math.Log(bounds[i] / (TrafficCase.LatencyMedianMs * scale)) / TrafficCase.LatencySigma);
            p[i] = cdf - below;
            below = cdf;
        }

        p[^1] = 1 - below;
        return p;
    }

    private static int Bucket(IReadOnlyList<double> bounds, double value)
    {
        var i = 0;
        while (i < bounds.Count && value > bounds[i])
        {
            i++;
        }

        return i;
    }

    private static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double NormalCdf(double z) => 1 - AmbassadorCanary.Analysis.Judgment.NormalDistribution.UpperTail(z);
}
