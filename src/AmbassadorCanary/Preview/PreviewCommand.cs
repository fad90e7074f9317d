using AmbassadorCanary.Cli;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Preview.GitHub;
using AmbassadorCanary.Spec;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Preview;

/// <summary>
/// The `preview` and `preview-cleanup` commands: run the deployer, publish the outputs and the job summary, and keep the
/// pull request's preview comment up to date when running for a pull request with a github-token.
/// </summary>
internal sealed class PreviewCommand(CommandContext context, IKubernetes client, RolloutSpec spec, IRolloutPacer pacer, Func<Uri, string, IPullRequestComments>? commentsFactory = null)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<PreviewCommand>();

    /// <summary>The spec defaults of the preview commands (see <see cref="PreviewSettings"/>), from the run's sources and environment.</summary>
    public static IReadOnlyList<CommandLineOption> SpecDefaults(CommandContext context, string command)
    {
        var sources = new SpecSources
        {
            Flags = context.CommandLine.Options,
            Inputs = context.Inputs.ToSpecInputs(),
            FilePath = context.Option(CliOptions.File),
            ExternalOptions = new HashSet<string>(CliOptions.External, StringComparer.Ordinal),
        };
        var number = PullRequestContext.NumberFrom(context.Session.Environment.GetVariable, PullRequestContext.ReadFileOrNull);
        return PreviewSettings.Defaults(sources, number, cleanup: command == "preview-cleanup", context.CommandLine.Value(CliOptions.PreviewName));
    }

    public async Task<int> RunAsync(string command)
    {
        var host = context.Host;
        var token = context.Shutdown.RunToken;
        var header = spec.HeaderRoute ?? throw new InvalidOperationException("the preview commands always load a header route (PreviewSettings)");
        var deployer = new PreviewDeployer(client, spec, header, pacer, context.Time, context.Loggers);
        PreviewOutcome outcome;
        try
        {
            outcome = command == "preview-cleanup"
                ? await deployer.CleanupAsync(token)
                : await deployer.DeployAsync(context.Option(CliOptions.PreviewBaseUrl), token);
        }
        catch (RolloutInputException e)
        {
            host.LogIssue(IssueLevel.Error, $"{command}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is ClusterOperationException or HttpOperationException or HttpRequestException)
        {
            host.LogIssue(IssueLevel.Error, $"{command}: {e.Message}");
            return ExitCodes.InfrastructureError;
        }

        var cleanup = command == "preview-cleanup";
        var markdown = cleanup ? PreviewMarkdown.Removed(outcome) : PreviewMarkdown.Deployed(outcome);
        host.WriteLine(outcome.Message);
        if (outcome.Succeeded && !cleanup)
        {
            host.WriteLine($"reach it with the {PreviewMarkdown.HowToReach(header).Replace("`", "", StringComparison.Ordinal)}: {PreviewMarkdown.Curl(header, outcome.Url ?? "<url>")}");
        }

        host.SetOutput(OutputNames.PreviewUrl, outcome.Succeeded && !cleanup ? outcome.Url ?? "" : "");
        host.SetOutput(OutputNames.Result, outcome.Succeeded ? (cleanup ? "removed" : "deployed") : ReportResults.Failed);
        host.SetOutput(OutputNames.Summary, outcome.Message);
        host.WriteSummary(markdown);
        await CommentAsync(outcome.Names.Name, markdown, token);
        if (!outcome.Succeeded)
        {
            host.LogIssue(IssueLevel.Error, outcome.Message);
        }

        host.Complete(outcome.Succeeded, outcome.Message);
        return outcome.Succeeded ? ExitCodes.Success : ExitCodes.RolledBack;
    }

    /// <summary>A failed comment is a warning, never a failed step: the preview itself is in place.</summary>
    private async Task CommentAsync(string previewName, string markdown, CancellationToken cancellationToken)
    {
        var environment = context.Session.Environment;
        if (context.Option(CliOptions.GitHubToken) is not { Length: > 0 } gitHubToken
            || PullRequestContext.From(environment.GetVariable, PullRequestContext.ReadFileOrNull) is not { } pullRequest)
        {
            return;
        }

        var comments = (commentsFactory ?? OctokitPullRequestComments.Create)(pullRequest.ApiUrl, gitHubToken);
        try
        {
            var action = await new PreviewComment(comments).UpsertAsync(pullRequest, previewName, markdown, cancellationToken);
            PreviewLog.Comment(_logger, pullRequest.Number, action);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Octokit is a reflection-based third party (under Native AOT too): whatever it throws, the preview stands.
            PreviewLog.CommentFailed(_logger, pullRequest.Number, e.Message);
        }
    }
}
