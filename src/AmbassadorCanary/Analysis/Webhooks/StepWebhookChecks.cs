using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Webhooks;

/// <summary>The step webhooks as per-tick checks: each hook of kind Step is called once per tick; non-2xx fails the check.</summary>
internal sealed class StepWebhookChecks(WebhookRunner runner, string? revision = null) : ICanaryCheckSource
{
    public const string Phase = "Progressing";

    public async Task<IReadOnlyList<CheckResult>> EvaluateAsync(AnalysisContext context, CancellationToken cancellationToken)
    {
        var hooks = context.Spec.Analysis.Webhooks;
        if (!hooks.Any(h => h.Kind == WebhookKind.Step))
        {
            return [];
        }

        var payload = WebhookPayload.For(context.Spec, Phase, context.CanaryWeight, revision);
        var results = await runner.RunAsync(hooks, WebhookKind.Step, payload, cancellationToken);
        return results.Select(r => r.ToCheck()).ToList();
    }
}
