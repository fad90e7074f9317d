namespace AmbassadorCanary.Hosts;

/// <summary>A developer's terminal: inputs come from CLI flags, so there are none here; issues get a plain prefix.</summary>
internal sealed class LocalTerminalHost : IPipelineHost
{
    private readonly HostEnvironment _environment;
    private readonly HostConsole _console;
    private readonly string? _summaryPath;
    private readonly Dictionary<string, string> _outputs = new(StringComparer.Ordinal);
    private int _depth;

    /// <param name="environment">stdout and files.</param>
    /// <param name="debug">Show debug messages (e.g. from a --verbose flag).</param>
    /// <param name="summaryPath">Where the summary goes; null prints it to stdout.</param>
    public LocalTerminalHost(HostEnvironment environment, bool debug = false, string? summaryPath = null)
    {
        _environment = environment;
        _console = new HostConsole(environment.Stdout, Masker);
        IsDebugEnabled = debug;
        _summaryPath = summaryPath;
    }

    public PipelineHostKind Kind => PipelineHostKind.Local;

    public bool IsDebugEnabled { get; }

    public SecretMasker Masker { get; } = new();

    /// <summary>What SetOutput received, for a caller that prints a status line.</summary>
    public IReadOnlyDictionary<string, string> Outputs => _outputs;

    public HostInputs ReadInputs() => HostInputs.Empty;

    public void AddSecret(string value) => Masker.Add(value);

    public void SetOutput(string name, string value) => _outputs[name] = Masker.Redact(value);

    public void WriteSummary(string markdown)
    {
        var text = JobSummary.Cap(Masker.Redact(markdown));
        if (_summaryPath is null)
        {
            _console.WriteLine(text);
        }
        else
        {
            _environment.AppendFile(_summaryPath, text);
        }
    }

    public void StartGroup(string title)
    {
        _console.WriteLine(Indent() + "▶ " + title);
        _depth++;
    }

    public void EndGroup() => _depth = Math.Max(0, _depth - 1);

    public void WriteLine(string message) => _console.WriteLine(Indent() + message);

    public void LogIssue(IssueLevel level, string message)
    {
        if (level == IssueLevel.Debug && !IsDebugEnabled)
        {
            return;
        }

        _console.WriteLine(Indent() + level.ToString().ToLowerInvariant() + ": " + message);
    }

    public void Complete(bool succeeded, string message)
    {
        // The exit code tells the shell.
    }

    private string Indent() => new(' ', _depth * 2);
}
