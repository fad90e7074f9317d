using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AmbassadorCanary.Preview.GitHub;

/// <summary>The pull request a GitHub Actions run belongs to: repository, number and the REST API base.</summary>
internal sealed record PullRequestContext(string Owner, string Repository, int Number, Uri ApiUrl)
{
    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    /// <summary>
    /// The PR number from the event payload (GITHUB_EVENT_PATH: pull_request.number, else number), else from GITHUB_REF
    /// (refs/pull/123/merge); null outside a pull request run.
    /// </summary>
    public static int? NumberFrom(Func<string, string?> variable, Func<string, string?> readFile)
    {
        if (variable("GITHUB_EVENT_PATH") is { Length: > 0 } path && readFile(path) is { } text)
        {
            try
            {
                var root = JsonNode.Parse(text);
                if ((PositiveInt(root?["pull_request"]?["number"]) ?? PositiveInt(root?["number"])) is { } fromEvent)
                {
                    return fromEvent;
                }
            }
            catch (JsonException)
            {
                // A malformed event file is not ours to judge; fall back to GITHUB_REF.
            }
        }

        var parts = (variable("GITHUB_REF") ?? "").Split('/');
        return parts is ["refs", "pull", var n, ..] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
    }

    /// <summary>The PR context of a GitHub Actions pull_request run; null anywhere else (then no comment is written).</summary>
    public static PullRequestContext? From(Func<string, string?> variable, Func<string, string?> readFile)
    {
        if (!string.Equals(variable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase)
            || variable("GITHUB_EVENT_NAME") is not ("pull_request" or "pull_request_target"))
        {
            return null;
        }

        var repository = (variable("GITHUB_REPOSITORY") ?? "").Split('/');
        if (repository is not [{ Length: > 0 } owner, { Length: > 0 } name] || NumberFrom(variable, readFile) is not { } number)
        {
            return null;
        }

        var api = variable("GITHUB_API_URL") is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : DefaultApiUrl;
        return new PullRequestContext(owner, name, number, api);
    }

    /// <summary>Reads a file, or null when it cannot be read.</summary>
    public static string? ReadFileOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static int? PositiveInt(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var n) && n > 0 ? n : null;
}
