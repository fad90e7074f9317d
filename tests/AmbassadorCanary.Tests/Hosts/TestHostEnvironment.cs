using System.Text;
using AmbassadorCanary.Hosts;

namespace AmbassadorCanary.Tests.Hosts;

/// <summary>An in-memory environment, stdout and file system for the hosts.</summary>
internal sealed class TestHostEnvironment
{
    private int _delimiters;

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public StringWriter Stdout { get; } = new() { NewLine = "\n" };

    public Dictionary<string, StringBuilder> Files { get; } = new(StringComparer.Ordinal);

    public Func<string>? Delimiters { get; set; }

    public HostEnvironment Build() => new()
    {
        GetVariable = name => Variables.TryGetValue(name, out var value) ? value : null,
        Stdout = Stdout,
        AppendFile = (path, text) => File(path).Append(text),
        WriteFile = (path, text) => File(path).Clear().Append(text),
        TempDirectory = () => "/tmp/agent-temp",
        NewDelimiter = Delimiters ?? (() => "ghadelimiter_test" + (++_delimiters)),
    };

    public IReadOnlyList<string> Lines => Stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string FileText(string path) => Files.TryGetValue(path, out var text) ? text.ToString() : string.Empty;

    /// <summary>Everything the tool wrote anywhere, for leak scans.</summary>
    public string AllWritten() => Stdout + "\n" + string.Join("\n", Files.Values.Select(f => f.ToString()));

    private StringBuilder File(string path)
    {
        if (!Files.TryGetValue(path, out var text))
        {
            Files[path] = text = new StringBuilder();
        }

        return text;
    }
}
