using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Webhooks;

/// <summary>
/// What one webhook answered after its retries: passed only on a 2xx answer. StatusCode is the last HTTP status
/// (null when no answer came: timeout or connection error); Message says what happened, with the body's start.
/// </summary>
public sealed record WebhookResult(string Name, WebhookKind Kind, bool Passed, int? StatusCode, int Attempts, string Message)
{
    /// <summary>As a per-tick check: pass on 2xx, fail otherwise (a hook that did not answer is a failure, not no-data).</summary>
    public CheckResult ToCheck() =>
        new($"webhook {Name}", Passed ? CheckOutcome.Pass : CheckOutcome.Fail, StatusCode, "2xx", Message);
}
