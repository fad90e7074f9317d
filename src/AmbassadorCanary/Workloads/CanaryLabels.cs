namespace AmbassadorCanary.Workloads;

/// <summary>Labels and annotations the tool puts on what it creates.</summary>
internal static class CanaryLabels
{
    public const string Role = "canary.ambassador/role";
    public const string RoleValue = "canary";
    public const string Primary = "canary.ambassador/primary";
    public const string Revision = "canary.ambassador/revision";

    /// <summary>
    /// The canary's pod labels must not satisfy the primary's selectors: a Service selects every pod with its labels,
    /// so the value of each selector key is rewritten (app: web → app: web-canary); other labels are kept.
    /// </summary>
    public static Dictionary<string, string> Rewrite(IDictionary<string, string>? labels, IReadOnlySet<string> selectorKeys)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            result[key] = selectorKeys.Contains(key) ? value + CanaryNames.Suffix : value;
        }

        return result;
    }
}
