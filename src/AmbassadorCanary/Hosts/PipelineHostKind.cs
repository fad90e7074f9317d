namespace AmbassadorCanary.Hosts;

internal enum PipelineHostKind
{
    Local,
    GitHubActions,
    AzurePipelines,
}
