using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Workloads;

/// <summary>The names of every object one rollout reads or writes, for target Deployment `web`.</summary>
internal sealed record CanaryNames(string Namespace, string Primary, string PrimaryService)
{
    public const string Suffix = "-canary";

    /// <summary>web-canary.</summary>
    public string Canary => Primary + Suffix;

    public string CanaryService => PrimaryService + Suffix;

    /// <summary>ConfigMap web-canary-state holding the rollout state.</summary>
    public string StateConfigMap => Primary + "-canary-state";

    /// <summary>Lease web-canary-lock.</summary>
    public string Lock => Primary + "-canary-lock";

    public static CanaryNames For(TargetSpec target, string? serviceFromRoute = null) =>
        new(target.Namespace, target.Deployment, target.Service ?? serviceFromRoute ?? target.Deployment);
}
