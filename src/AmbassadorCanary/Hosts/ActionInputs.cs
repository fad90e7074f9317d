using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Hosts;

/// <summary>One pipeline input: its CLI flag name (kebab-case), whether its value is a secret, and whether only GitHub has it.</summary>
internal sealed record ActionInput(string Name, bool IsSecret = false, bool GitHubOnly = false)
{
    /// <summary>The Azure task.json name: camelCase of the flag name.</summary>
    public string AzureName => InputNames.ToCamelCase(Name);

    /// <summary>The rollout setting this input sets; null for the inputs the CLI consumes itself.</summary>
    public SpecSetting? Setting => SpecSettings.FindByFlag(Name);
}

/// <summary>
/// The inputs the action (action.yml) and the task (action/task/task.json) declare: the CLI's own inputs, then
/// every flag of the settings table (<see cref="SpecSettings"/>). Tests keep action.yml, task.json and
/// docs/pipeline-hosts.md in step with this list.
/// </summary>
internal static class ActionInputs
{
    /// <summary>The input holding the command; it becomes the CLI's first argument, not a flag.</summary>
    public const string Command = "command";

    /// <summary>Inputs the CLI consumes itself, before the spec loader (pass them as its ExternalOptions).</summary>
    public static IReadOnlyList<ActionInput> PipelineOnly { get; } =
    [
        new(Command),
        new("file"),
        new("kubeconfig", IsSecret: true),
        new("context"),
        new("preview-base-url"),
        new("github-token", IsSecret: true, GitHubOnly: true),
    ];

    public static IReadOnlyList<ActionInput> All { get; } =
    [
        .. PipelineOnly.Take(4),
        .. SpecSettings.All.Where(s => s.Flag is not null).Select(s => new ActionInput(s.Flag!, s.Secret)),
        .. PipelineOnly.Skip(4),
    ];

    public static ActionInput? Find(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
}
