namespace AmbassadorCanary.Hosts;

/// <summary>
/// The CI system the tool runs in: where inputs come from, where outputs, log commands, masks and the summary go.
/// Implementations write synchronously and in call order; every line passes through the host's <see cref="SecretMasker"/>.
/// </summary>
internal interface IPipelineHost
{
    PipelineHostKind Kind { get; }

    /// <summary>True when the pipeline asked for debug output (ACTIONS_STEP_DEBUG / RUNNER_DEBUG, System.Debug).</summary>
    bool IsDebugEnabled { get; }

    SecretMasker Masker { get; }

    /// <summary>The inputs the pipeline passed, keyed by CLI flag name (kebab-case); empty values are absent.</summary>
    HostInputs ReadInputs();

    /// <summary>Registers a secret with the host (mask) and with the masker; call before the value could be logged.</summary>
    void AddSecret(string value);

    /// <summary>Sets a step output; <paramref name="name"/> is one of <see cref="OutputNames"/>.</summary>
    void SetOutput(string name, string value);

    /// <summary>Publishes the job summary (markdown, capped at <see cref="JobSummary.MaxBytes"/>).</summary>
    void WriteSummary(string markdown);

    void StartGroup(string title);

    void EndGroup();

    /// <summary>A plain log line.</summary>
    void WriteLine(string message);

    void LogIssue(IssueLevel level, string message);

    /// <summary>Tells the host how the step ended (Azure task.complete); a no-op where the exit code says it all.</summary>
    void Complete(bool succeeded, string message);
}
