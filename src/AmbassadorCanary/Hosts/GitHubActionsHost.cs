namespace AmbassadorCanary.Hosts;

/// <summary>GitHub Actions (GITHUB_ACTIONS=true): workflow commands on stdout, file commands for outputs and summary.</summary>
internal sealed class GitHubActionsHost : IPipelineHost
{
    private readonly HostEnvironment _environment;
    private readonly HostConsole _console;

    public GitHubActionsHost(HostEnvironment environment)
    {
        _environment = environment;
        _console = new HostConsole(environment.Stdout, Masker);
    }

    public PipelineHostKind Kind => PipelineHostKind.GitHubActions;

    public SecretMasker Masker { get; } = new();

    // RUNNER_DEBUG=1 is what the runner exports when debug logging is on (ACTIONS_STEP_DEBUG / re-run with debug).
    public bool IsDebugEnabled => _environment.IsTrue("RUNNER_DEBUG") || _environment.IsTrue("ACTIONS_STEP_DEBUG");

    public static bool IsDetected(Func<string, string?> getVariable) =>
        string.Equals(getVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    public HostInputs ReadInputs() => HostInputs.Read(_environment, InputNames.GitHubVariable, AddSecret);

    public void AddSecret(string value)
    {
        foreach (var part in Masker.Add(value))
        {
            _console.WriteUnredacted(GitHubCommands.Format("add-mask", part));
        }
    }

    public void SetOutput(string name, string value)
    {
        var path = _environment.GetVariable("GITHUB_OUTPUT");
        if (string.IsNullOrEmpty(path))
        {
            LogIssue(IssueLevel.Warning, $"GITHUB_OUTPUT is not set; output {name} is not published");
            return;
        }

        _environment.AppendFile(path, GitHubCommands.FileCommandEntry(name, Masker.Redact(value), _environment.NewDelimiter));
    }

    public void WriteSummary(string markdown)
    {
        var path = _environment.GetVariable("GITHUB_STEP_SUMMARY");
        if (string.IsNullOrEmpty(path))
        {
            LogIssue(IssueLevel.Warning, "GITHUB_STEP_SUMMARY is not set; the job summary is not published");
            return;
        }

        _environment.AppendFile(path, JobSummary.Cap(Masker.Redact(markdown)));
    }

    public void StartGroup(string title) => _console.WriteUnredacted(GitHubCommands.Format("group", Masker.Redact(title)));

    public void EndGroup() => _console.WriteUnredacted(GitHubCommands.Format("endgroup", string.Empty));

    public void WriteLine(string message) => _console.WriteUnredacted(CommandInjectionGuard.GitHub(Masker.Redact(message)));

    public void LogIssue(IssueLevel level, string message)
    {
        var command = level switch
        {
            IssueLevel.Debug => "debug",
            IssueLevel.Notice => "notice",
            IssueLevel.Warning => "warning",
            _ => "error",
        };

        // Redact before escaping: escaping could split a secret's characters apart from its registered form.
        _console.WriteUnredacted(GitHubCommands.Format(command, Masker.Redact(message)));
    }

    public void Complete(bool succeeded, string message)
    {
        // The exit code is the result on GitHub; nothing to send.
    }
}
