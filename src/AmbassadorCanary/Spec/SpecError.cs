namespace AmbassadorCanary.Spec;

/// <summary>
/// One problem with the rollout settings. Source is where the bad value came from: "flag", "input", "file",
/// or "spec" for a value that is missing or a rule across settings. Field is that source's own name for it:
/// <c>--step-weights</c>, <c>stepWeights</c>, or the YAML path <c>target.namespace</c> (empty for the file as a whole).
/// </summary>
public sealed record SpecError(string Source, string Field, string Message)
{
    /// <summary>The spec file's name, for file errors.</summary>
    public string? File { get; init; }

    /// <summary>1-based line in the spec file, when known.</summary>
    public int? Line { get; init; }

    public override string ToString() => Source switch
    {
        "file" => $"file {File ?? "(spec text)"}: {(Field.Length > 0 ? Field + ": " : "")}{Message}{(Line is { } line ? $" (line {line})" : "")}",
        "flag" => $"flag {Field}: {Message}",
        "input" => $"input {Field}: {Message}",
        _ => $"{Field}: {Message}",
    };
}
