using System.Globalization;
using System.Text.Json.Nodes;
using AmbassadorCanary.Tests.Fixtures;

namespace AmbassadorCanary.Tests.Preview;

/// <summary>
/// A LoopbackHttpServer answering like the GitHub REST API for issue comments of one repository: list, create and
/// update, with the comments kept in memory. Anything else gets 404, as GitHub would.
/// </summary>
internal sealed class GitHubApiFake : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(long Id, int Issue, string Body)> _comments = [];
    private long _nextId = 1000;

    private GitHubApiFake(LoopbackHttpServer server, string repository)
    {
        Server = server;
        server.Respond((request, _) => Answer(request, repository));
    }

    public LoopbackHttpServer Server { get; }

    public IReadOnlyList<(long Id, int Issue, string Body)> Comments
    {
        get
        {
            lock (_gate)
            {
                return [.. _comments];
            }
        }
    }

    public static async Task<GitHubApiFake> StartAsync(string repository) =>
        new(await LoopbackHttpServer.StartAsync(), repository);

    /// <summary>A comment someone else wrote, to check that only ours is touched.</summary>
    public void AddForeignComment(int issue, string body)
    {
        lock (_gate)
        {
            _comments.Add((_nextId++, issue, body));
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private CannedResponse Answer(RecordedRequest request, string repository)
    {
        var path = request.Path;
        var prefix = $"/repos/{repository}/issues/";
        var at = path.IndexOf(prefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return CannedResponse.Json("""{"message":"Not Found"}""", 404);
        }

        var rest = path[(at + prefix.Length)..].Split('/');
        lock (_gate)
        {
            switch (request.Method, rest)
            {
                case ("GET", [var issue, "comments"]):
                    var number = int.Parse(issue, CultureInfo.InvariantCulture);
                    return CannedResponse.Json(new JsonArray(_comments.Where(c => c.Issue == number).Select(c => (JsonNode)Comment(c.Id, c.Body)).ToArray()).ToJsonString());
                case ("POST", [var issue, "comments"]):
                    var created = (_nextId++, int.Parse(issue, CultureInfo.InvariantCulture), BodyOf(request));
                    _comments.Add(created);
                    return CannedResponse.Json(Comment(created.Item1, created.Item3).ToJsonString(), 201);
                case ("PATCH", ["comments", var id]):
                    var index = _comments.FindIndex(c => c.Id == long.Parse(id, CultureInfo.InvariantCulture));
                    if (index < 0)
                    {
                        return CannedResponse.Json("""{"message":"Not Found"}""", 404);
                    }

                    _comments[index] = _comments[index] with { Body = BodyOf(request) };
                    return CannedResponse.Json(Comment(_comments[index].Id, _comments[index].Body).ToJsonString());
                default:
                    return CannedResponse.Json("""{"message":"Not Found"}""", 404);
            }
        }
    }

    private static string BodyOf(RecordedRequest request) => (string?)JsonNode.Parse(request.Body)?["body"] ?? "";

    private static JsonObject Comment(long id, string body) => new()
    {
        ["id"] = id,
        ["node_id"] = $"IC_{id}",
        ["body"] = body,
        ["html_url"] = $"https://github.com/octo/shop/pull/7#issuecomment-{id}",
        ["user"] = new JsonObject { ["login"] = "github-actions[bot]", ["id"] = 41898282, ["type"] = "Bot" },
        ["created_at"] = "2026-12-04T21:00:00Z",
        ["updated_at"] = "2026-12-04T21:00:00Z",
        ["author_association"] = "NONE",
    };
}
