namespace AmbassadorCanary.Hosts;

/// <summary>
/// Everything a pipeline host touches outside the process: environment variables, stdout and files.
/// Injected so tests never mutate the real process environment or console.
/// </summary>
internal sealed record HostEnvironment
{
    /// <summary>Returns an environment variable's value, or null when it is not set.</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>Where commands and log lines go. Written synchronously, one whole line per write.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Appends UTF-8 text to a file, creating it when missing ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY).</summary>
    public Action<string, string> AppendFile { get; init; } = static (path, text) => File.AppendAllText(path, text);

    /// <summary>Writes (replaces) a UTF-8 file.</summary>
    public Action<string, string> WriteFile { get; init; } = static (path, text) => File.WriteAllText(path, text);

    /// <summary>Directory for files that must outlive a call (the Azure summary upload); defaults to the system temp dir.</summary>
    public Func<string> TempDirectory { get; init; } = Path.GetTempPath;

    /// <summary>Random delimiter source for multiline file commands.</summary>
    public Func<string> NewDelimiter { get; init; } = static () => "ghadelimiter_" + Guid.NewGuid().ToString("N");

    /// <summary>The real process: Environment, Console.Out (autoflushed), and the file system.</summary>
    public static HostEnvironment FromProcess()
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        return new HostEnvironment { GetVariable = Environment.GetEnvironmentVariable, Stdout = stdout };
    }

    internal bool IsTrue(string name) =>
        string.Equals(GetVariable(name)?.Trim(), "true", StringComparison.OrdinalIgnoreCase) || GetVariable(name)?.Trim() == "1";
}
