namespace AmbassadorCanary.Preview.GitHub;

/// <summary>Keeps exactly one preview comment per preview on a pull request, found again by a hidden marker.</summary>
internal sealed class PreviewComment(IPullRequestComments comments)
{
    public static string Marker(string previewName) => $"<!-- ambassador-canary-preview:{previewName} -->";

    /// <summary>Updates the comment carrying the marker, or creates it. Returns "created" or "updated".</summary>
    public async Task<string> UpsertAsync(PullRequestContext pullRequest, string previewName, string markdown, CancellationToken cancellationToken)
    {
        var marker = Marker(previewName);
        var body = marker + "\n" + markdown;
        var existing = (await comments.ListAsync(pullRequest, cancellationToken)).FirstOrDefault(c => c.Body.Contains(marker, StringComparison.Ordinal));
        if (existing is null)
        {
            await comments.CreateAsync(pullRequest, body, cancellationToken);
            return "created";
        }

        if (existing.Body == body)
        {
            return "unchanged";
        }

        await comments.UpdateAsync(pullRequest, existing.Id, body, cancellationToken);
        return "updated";
    }
}
