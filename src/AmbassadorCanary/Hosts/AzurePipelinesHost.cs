namespace AmbassadorCanary.Hosts;

/// <summary>Azure Pipelines (TF_BUILD=True): ##vso logging commands on stdout; inputs arrive camelCase, uppercased.</summary>
internal sealed class AzurePipelinesHost : IPipelineHost
{
    private readonly HostEnvironment _environment;
    private readonly HostConsole _console;

    public AzurePipelinesHost(HostEnvironment environment)
    {
        _environment = environment;
        _console = new HostConsole(environment.Stdout, Masker);
    }

    public PipelineHostKind Kind => PipelineHostKind.AzurePipelines;

    public SecretMasker Masker { get; } = new();

    public bool IsDebugEnabled => _environment.IsTrue("SYSTEM_DEBUG");

    public static bool IsDetected(Func<string, string?> getVariable) =>
        string.Equals(getVariable("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase);

    public HostInputs ReadInputs() => HostInputs.Read(_environment, InputNames.AzureVariable, AddSecret);

    public void AddSecret(string value)
    {
        foreach (var part in Masker.Add(value))
        {
            _console.WriteUnredacted(AzureCommands.Format("task.setsecret", part));
        }
    }

    public void SetOutput(string name, string value) =>
        WriteCommand(
            "task.setvariable",
            value,
            [AzureCommands.Property("variable", InputNames.ToCamelCase(name)), AzureCommands.Property("isOutput", "true")]);

    public void WriteSummary(string markdown)
    {
        var directory = _environment.GetVariable("AGENT_TEMPDIRECTORY");
        if (string.IsNullOrEmpty(directory))
        {
            directory = _environment.TempDirectory();
        }

        // The agent reads the file when it processes the command, after we exit; it must stay.
        var path = Path.Combine(directory, "ambassador-canary-summary-" + Guid.NewGuid().ToString("N") + ".md");
        _environment.WriteFile(path, JobSummary.Cap(Masker.Redact(markdown)));
        WriteCommand("task.uploadsummary", path);
    }

    public void StartGroup(string title) => _console.WriteUnredacted("##[group]" + Inline(title));

    public void EndGroup() => _console.WriteUnredacted("##[endgroup]");

    public void WriteLine(string message) => _console.WriteUnredacted(CommandInjectionGuard.Azure(Masker.Redact(message)));

    public void LogIssue(IssueLevel level, string message)
    {
        switch (level)
        {
            case IssueLevel.Debug:
                if (IsDebugEnabled)
                {
                    _console.WriteUnredacted("##[debug]" + Inline(message));
                }

                break;
            case IssueLevel.Notice:
                // Azure has no notice annotation; a section line stands out in the log.
                _console.WriteUnredacted("##[section]" + Inline(message));
                break;
            default:
                WriteCommand("task.logissue", message, [AzureCommands.Property("type", level == IssueLevel.Warning ? "warning" : "error")]);
                break;
        }
    }

    public void Complete(bool succeeded, string message) =>
        WriteCommand("task.complete", message, [AzureCommands.Property("result", succeeded ? "Succeeded" : "Failed")]);

    /// <summary>Text after a formatting prefix: redacted, on one line, and unable to smuggle in a ##vso command.</summary>
    private string Inline(string text) => CommandInjectionGuard.Azure(AzureCommands.EscapeData(Masker.Redact(text)));

    private void WriteCommand(string command, string message, IReadOnlyList<KeyValuePair<string, string>>? properties = null) =>
        _console.WriteUnredacted(AzureCommands.Format(command, Masker.Redact(message), properties));
}
