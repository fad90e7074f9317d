using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Preview;

/// <summary>The names of one preview <paramref name="Name"/> (e.g. pr-123) of Deployment web: Deployment and Service web-pr-123.</summary>
internal sealed record PreviewNames(string Namespace, string Deployment, string PrimaryService, string Name)
{
    /// <summary>web-pr-123: the preview Deployment.</summary>
    public string Workload => $"{Deployment}-{Name}";

    /// <summary>web-pr-123 as well: the preview Service, named like its Deployment.</summary>
    public string Service => Workload;

    /// <summary>The suffix the preview's selector values get (app: web → app: web-pr-123).</summary>
    public string LabelSuffix => "-" + Name;

    public static PreviewNames For(TargetSpec target, string name) =>
        new(target.Namespace, target.Deployment, target.Service ?? target.Deployment, name);

    /// <summary>Why a name cannot be a preview's: it would take the canary's objects (web-canary, web-canary-header).</summary>
    public static string? Problem(string name) =>
        name is "header" or "canary" || name.StartsWith("canary-", StringComparison.Ordinal)
            ? $"preview name '{name}' would collide with the canary's objects; choose another --header-route-name (e.g. pr-123)"
            : null;
}
