using System.Diagnostics.CodeAnalysis;
using Octokit;

namespace AmbassadorCanary.Preview.GitHub;

/// <summary>Pull request comments through Octokit (PR comments are issue comments in the REST API).</summary>
internal sealed class OctokitPullRequestComments(IGitHubClient client) : IPullRequestComments
{
    /// <summary>A client for the run's API base (GITHUB_API_URL) authenticated with the token.</summary>
    public static OctokitPullRequestComments Create(Uri apiUrl, string token) =>
        new(new GitHubClient(new ProductHeaderValue("ambassador-canary"), apiUrl) { Credentials = new Credentials(token) });

    // Octokit takes no CancellationToken: WaitAsync stops waiting on cancellation (the request itself runs out).
    // Octokit's SimpleJson creates List<IssueComment> and the StringEnum<AuthorAssociation> struct by reflection: keep
    // their constructors under Native AOT (rooting Octokit does not keep constructors of generic instantiations).
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(List<IssueComment>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(StringEnum<AuthorAssociation>))]
    public async Task<IReadOnlyList<PullRequestComment>> ListAsync(PullRequestContext pullRequest, CancellationToken cancellationToken)
    {
        var comments = await client.Issue.Comment.GetAllForIssue(pullRequest.Owner, pullRequest.Repository, pullRequest.Number).WaitAsync(cancellationToken);
        return comments.Select(c => new PullRequestComment(c.Id, c.Body ?? "")).ToList();
    }

    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(StringEnum<AuthorAssociation>))]
    public Task CreateAsync(PullRequestContext pullRequest, string body, CancellationToken cancellationToken) =>
        client.Issue.Comment.Create(pullRequest.Owner, pullRequest.Repository, pullRequest.Number, body).WaitAsync(cancellationToken);

    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(StringEnum<AuthorAssociation>))]
    public Task UpdateAsync(PullRequestContext pullRequest, long commentId, string body, CancellationToken cancellationToken) =>
        client.Issue.Comment.Update(pullRequest.Owner, pullRequest.Repository, commentId, body).WaitAsync(cancellationToken);
}
