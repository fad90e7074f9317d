namespace AmbassadorCanary.Analysis.Providers;

/// <summary>
/// Wraps an analysis and appends the checks of further sources to every verdict (custom PromQL, step webhooks).
/// Their failed checks count like the built-in ones; they never trigger an immediate rollback or an early promotion
/// by themselves: a PromoteNow of the inner analysis is held back to Continue while any added check fails or has no data.
/// </summary>
internal sealed class AdditionalChecksAnalysis(ICanaryAnalysis inner, IReadOnlyList<ICanaryCheckSource> sources) : ICanaryAnalysis
{
    public async Task<AnalysisVerdict> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        var verdict = await inner.EvaluateAsync(context, cancellationToken);
        if (sources.Count == 0)
        {
            return verdict;
        }

        var added = new List<CheckResult>();
        foreach (var source in sources)
        {
            added.AddRange(await source.EvaluateAsync(context, cancellationToken));
        }

        var kind = verdict.Kind == VerdictKind.PromoteNow && added.Any(c => c.Outcome != CheckOutcome.Pass)
            ? VerdictKind.Continue
            : verdict.Kind;
        return verdict with { Kind = kind, Checks = [.. verdict.Checks, .. added] };
    }
}
