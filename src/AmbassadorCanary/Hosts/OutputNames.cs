namespace AmbassadorCanary.Hosts;

/// <summary>Step outputs, as action.yml names them (kebab-case). Azure output variables are their camelCase.</summary>
internal static class OutputNames
{
    public const string Phase = "phase";
    public const string Result = "result";
    public const string Weight = "weight";
    public const string CanaryRevision = "canary-revision";
    public const string Decision = "decision";
    public const string Metrics = "metrics";
    public const string Summary = "summary";
    public const string PreviewUrl = "preview-url";

    public static IReadOnlyList<string> All { get; } =
        [Phase, Result, Weight, CanaryRevision, Decision, Metrics, Summary, PreviewUrl];
}
