namespace AmbassadorCanary.Hosts;

public enum PipelineHostKind
{
    Local,
    GitHubActions,
    AzurePipelines,
}
