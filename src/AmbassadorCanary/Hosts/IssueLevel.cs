namespace AmbassadorCanary.Hosts;

/// <summary>Severity of a message annotated by the pipeline host.</summary>
internal enum IssueLevel
{
    Debug,
    Notice,
    Warning,
    Error,
}
