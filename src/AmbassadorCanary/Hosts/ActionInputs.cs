namespace AmbassadorCanary.Hosts;

/// <summary>One pipeline input: its CLI flag name (kebab-case), whether its value is a secret, and whether only GitHub has it.</summary>
internal sealed record ActionInput(string Name, bool IsSecret = false, bool GitHubOnly = false)
{
    /// <summary>The Azure task.json name: camelCase of the flag name.</summary>
    public string AzureName => InputNames.ToCamelCase(Name);
}

/// <summary>
/// The one list of inputs the action (action.yml) and the task (action/task/task.json) declare.
/// Tests keep action.yml, task.json and docs/pipeline-hosts.md in step with it.
/// </summary>
internal static class ActionInputs
{
    /// <summary>The input holding the command; it becomes the CLI's first argument, not a flag.</summary>
    public const string Command = "command";

    public static IReadOnlyList<ActionInput> All { get; } =
    [
        new(Command),
        new("config"),
        new("kubeconfig", IsSecret: true),
        new("context"),
        new("namespace"),
        new("deployment"),
        new("service"),
        new("images"),
        new("mapping"),
        new("prefix"),
        new("host"),
        new("dialect"),
        new("ambassador-id"),
        new("step-weights"),
        new("step-weight"),
        new("max-weight"),
        new("interval"),
        new("progress-deadline"),
        new("timeout"),
        new("promotion"),
        new("failure-limit"),
        new("failure-counting"),
        new("on-cancel"),
        new("lock-duration"),
        new("header"),
        new("header-value"),
        new("cookie"),
        new("preview-name"),
        new("preview-base-url"),
        new("metrics-provider"),
        new("min-success-rate"),
        new("max-latency-p99"),
        new("min-requests"),
        new("no-data-limit"),
        new("envoy-namespace"),
        new("judge"),
        new("judge-alpha"),
        new("promote-early"),
        new("prometheus-url"),
        new("prometheus-token", IsSecret: true),
        new("prometheus-username"),
        new("prometheus-password", IsSecret: true),
        new("github-token", IsSecret: true, GitHubOnly: true),
    ];

    public static ActionInput? Find(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
}
