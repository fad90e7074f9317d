namespace AmbassadorCanary.Preview.GitHub;

/// <summary>An existing comment on a pull request: its id and text.</summary>
internal sealed record PullRequestComment(long Id, string Body);

/// <summary>The few GitHub calls the preview makes: list, create and update comments of one pull request.</summary>
internal interface IPullRequestComments
{
    Task<IReadOnlyList<PullRequestComment>> ListAsync(PullRequestContext pullRequest, CancellationToken cancellationToken);

    Task CreateAsync(PullRequestContext pullRequest, string body, CancellationToken cancellationToken);

    Task UpdateAsync(PullRequestContext pullRequest, long commentId, string body, CancellationToken cancellationToken);
}
