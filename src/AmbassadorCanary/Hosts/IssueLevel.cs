namespace AmbassadorCanary.Hosts;

/// <summary>Severity of a message annotated by the pipeline host.</summary>
public enum IssueLevel
{
    Debug,
    Notice,
    Warning,
    Error,
}
