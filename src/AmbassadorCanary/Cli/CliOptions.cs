namespace AmbassadorCanary.Cli;

/// <summary>Options the CLI consumes itself; the spec loader must not report them as unknown.</summary>
internal static class CliOptions
{
    public const string Kubeconfig = "kubeconfig";
    public const string Context = "context";
    public const string Output = "output";
    public const string File = "file";
    public const string Scenario = "scenario";
    public const string KubeconfigOut = "kubeconfig-out";
    public const string Debug = "debug";
    public const string GitHubToken = "github-token";
    public const string PreviewName = "preview-name";
    public const string PreviewBaseUrl = "preview-base-url";
    public const string CrdSet = "crd-set";

    /// <summary>Options that take no value.</summary>
    public static IReadOnlyList<string> Switches { get; } = [Debug];

    public static IReadOnlyList<string> External { get; } =
        [Kubeconfig, Context, Output, File, Scenario, KubeconfigOut, Debug, GitHubToken, PreviewName, PreviewBaseUrl, CrdSet, "command"];

    public static IReadOnlyList<string> Commands { get; } =
        ["rollout", "step", "promote", "rollback", "status", "plan", "preview", "preview-cleanup", "sandbox", "help"];
}
