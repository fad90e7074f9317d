namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>What the error-count judge concludes after the ticks seen so far.</summary>
internal sealed record ErrorJudgement(double EValueWorse, double EValueNoWorse, double Threshold, bool Worse, bool NoWorse, double? RatioEstimate);

/// <summary>
/// Baseline-relative, anytime-valid test on 5xx counts. Canary and primary errors are Poisson; given the tick's
/// total errors, the canary's share is binomial with p0 = the canary's share of requests that tick when both error
/// rates are equal (H0: canary rate ≤ primary rate). For a rate ratio r = canary rate / primary rate, a canary error
/// has likelihood ratio r / (r·p0 + 1 − p0) and a primary error 1 / (r·p0 + 1 − p0). The product over ticks is a
/// test supermartingale under H0 for every r &gt; 1, and so is any mixture of them: here an equal-weight mixture
/// over a log-uniform grid of r from the minimum ratio m to 2m (bigger regressions are caught fast by the top of the
/// grid anyway). By Ville's inequality the chance it ever reaches 1/alpha under H0 is at most alpha, however often it
/// is looked at. The no-worse side (for early promotion) is the mirror image: H0' is r ≥ m, the mixture runs over
/// r' in [m/3, m/1.2], each tick's ratio taken against r = m.
/// </summary>
internal sealed class SequentialCountJudge
{
    private const int GridSize = 40;

    private readonly double logThreshold;
    private readonly double[] worseRatios;
    private readonly double[] noWorseRatios;
    private readonly double margin;

    public SequentialCountJudge(double alpha, double minErrorRatio)
        : this(alpha, LogUniformGrid(minErrorRatio, 2 * minErrorRatio, GridSize), LogUniformGrid(minErrorRatio / 3, minErrorRatio / 1.2, GridSize), minErrorRatio)
    {
    }

    /// <summary>With explicit grids (equal weights); tests use single points to check against closed forms.</summary>
    public SequentialCountJudge(double alpha, IReadOnlyList<double> worseRatios, IReadOnlyList<double> noWorseRatios, double minErrorRatio)
    {
        if (!(alpha is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "judge alpha must be between 0 and 1");
        }

        if (!(minErrorRatio > 1) || worseRatios.Any(r => !(r > 1)) || noWorseRatios.Any(r => !(r > 0 && r < minErrorRatio)))
        {
            throw new ArgumentOutOfRangeException(nameof(minErrorRatio), "judge: the minimum error ratio and every worse ratio must exceed 1, no-worse ratios must lie in (0, minimum ratio)");
        }

        logThreshold = Math.Log(1 / alpha);
        this.worseRatios = [.. worseRatios];
        this.noWorseRatios = [.. noWorseRatios];
        margin = minErrorRatio;
    }

    public double Threshold => Math.Exp(logThreshold);

    public SequentialCountJudgeState Start() =>
        new(new double[worseRatios.Length], new double[noWorseRatios.Length], 0, 0, 0, 0, 0);

    /// <summary>Adds one tick's counts. A tick without requests on either side carries no information and is skipped.</summary>
    public SequentialCountJudgeState Observe(SequentialCountJudgeState state, long canaryRequests, long canaryErrors, long primaryRequests, long primaryErrors)
    {
        if (state.LogWorse.Count != worseRatios.Length || state.LogNoWorse.Count != noWorseRatios.Length)
        {
            state = Start();
        }

        canaryRequests = Math.Max(0, canaryRequests);
        primaryRequests = Math.Max(0, primaryRequests);
        var c = Math.Max(0, canaryErrors);
        var s = Math.Max(0, primaryErrors);
        var totals = state with
        {
            CanaryRequests = state.CanaryRequests + canaryRequests,
            CanaryErrors = state.CanaryErrors + c,
            PrimaryRequests = state.PrimaryRequests + primaryRequests,
            PrimaryErrors = state.PrimaryErrors + s,
            Ticks = state.Ticks + 1,
        };
        if (canaryRequests == 0 || primaryRequests == 0 || c + s == 0)
        {
            return totals;
        }

        var p0 = (double)canaryRequests / (canaryRequests + primaryRequests);
        var worse = new double[worseRatios.Length];
        for (var i = 0; i < worse.Length; i++)
        {
            var r = worseRatios[i];
            worse[i] = state.LogWorse[i] + (c * Math.Log(r)) - ((c + s) * Math.Log((r * p0) + 1 - p0));
        }

        var atMargin = Math.Log((margin * p0) + 1 - p0);
        var noWorse = new double[noWorseRatios.Length];
        for (var i = 0; i < noWorse.Length; i++)
        {
            var r = noWorseRatios[i];
            noWorse[i] = state.LogNoWorse[i] + (c * Math.Log(r / margin)) + ((c + s) * (atMargin - Math.Log((r * p0) + 1 - p0)));
        }

        return totals with { LogWorse = worse, LogNoWorse = noWorse };
    }

    public ErrorJudgement Judge(SequentialCountJudgeState state)
    {
        var logWorse = LogMeanExp(state.LogWorse);
        var logNoWorse = LogMeanExp(state.LogNoWorse);
        double? ratio = state.CanaryRequests > 0 && state.PrimaryRequests > 0 && state.PrimaryErrors > 0
            ? ((double)state.CanaryErrors / state.CanaryRequests) / ((double)state.PrimaryErrors / state.PrimaryRequests)
            : null;
        return new ErrorJudgement(
            Math.Exp(Math.Min(logWorse, 700)),
            Math.Exp(Math.Min(logNoWorse, 700)),
            Threshold,
            logWorse >= logThreshold,
            logNoWorse >= logThreshold,
            ratio);
    }

    internal static double[] LogUniformGrid(double low, double high, int points)
    {
        var grid = new double[points];
        for (var i = 0; i < points; i++)
        {
            grid[i] = Math.Exp(Math.Log(low) + ((Math.Log(high) - Math.Log(low)) * (i + 0.5) / points));
        }

        return grid;
    }

    private static double LogMeanExp(IReadOnlyList<double> logs)
    {
        if (logs.Count == 0)
        {
            return 0;
        }

        var max = logs.Max();
        var sum = logs.Sum(l => Math.Exp(l - max));
        return max + Math.Log(sum / logs.Count);
    }
}
