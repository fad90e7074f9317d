namespace AmbassadorCanary.Hosts;

/// <summary>
/// Keeps plain log lines from being read as host commands: text from the cluster or the user (an image name, an API
/// error) could otherwise start a line with "::stop-commands::" or carry "##vso[task.complete …]". A zero-width space
/// breaks the marker; people reading the log see the same text.
/// </summary>
internal static class CommandInjectionGuard
{
    private const string Breaker = "\u200B";

    /// <summary>The runner treats a line as a command when it starts with "::" after leading whitespace.</summary>
    public static string GitHub(string text) => PerLine(text, static line =>
    {
        var start = line.Length - line.TrimStart().Length;
        return line.AsSpan(start).StartsWith("::", StringComparison.Ordinal) ? line.Insert(start + 1, Breaker) : line;
    });

    /// <summary>The agent finds "##vso[" anywhere in a line, and formatting commands ("##[group]") at its start.</summary>
    public static string Azure(string text) => PerLine(text, static line =>
    {
        line = line.Replace("##vso[", "##vso" + Breaker + "[", StringComparison.Ordinal);
        var start = line.Length - line.TrimStart().Length;
        return line.AsSpan(start).StartsWith("##[", StringComparison.Ordinal) ? line.Insert(start + 2, Breaker) : line;
    });

    private static string PerLine(string text, Func<string, string> guard) =>
        text.Contains('\n', StringComparison.Ordinal) ? string.Join('\n', text.Split('\n').Select(guard)) : guard(text);
}
