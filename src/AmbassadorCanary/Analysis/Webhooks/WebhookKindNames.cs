using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Webhooks;

/// <summary>The kebab-case names of the hook kinds, as they appear in settings, payloads and logs.</summary>
public static class WebhookKindNames
{
    public static string Of(WebhookKind kind) => kind switch
    {
        WebhookKind.PreRollout => "pre-rollout",
        WebhookKind.Step => "step",
        WebhookKind.ConfirmPromotion => "confirm-promotion",
        WebhookKind.PostRollout => "post-rollout",
        WebhookKind.Rollback => "rollback",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown webhook kind"),
    };
}
