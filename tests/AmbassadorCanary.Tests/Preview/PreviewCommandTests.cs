using AmbassadorCanary.Cli;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Preview;
using AmbassadorCanary.Preview.GitHub;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Hosts;
using AmbassadorCanary.Tests.Hosts.Runner;
using AmbassadorCanary.Tests.Lifecycle;
using KubeEmulator;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Preview;

/// <summary>
/// The preview commands as a GitHub runner runs them (environment only): outputs, job summary, and the pull request comment
/// through a real Octokit client against a fake GitHub API on loopback.
/// </summary>
public sealed class PreviewCommandTests
{
    private const string Token = "ghs_previewTestToken0123456789abcdef";
    private string _eventFile = null!;

    [SetUp]
    public void WriteEventFile()
    {
        _eventFile = Path.Combine(Path.GetTempPath(), $"preview-event-{Guid.NewGuid():N}.json");
        File.WriteAllText(_eventFile, """{"action":"synchronize","number":7,"pull_request":{"number":7,"head":{"sha":"abc"}}}""");
    }

    [TearDown]
    public void DeleteEventFile() => File.Delete(_eventFile);

    [Test]
    public async Task The_pull_request_comment_is_created_once_then_updated_and_marked_removed_on_cleanup()
    {
        await using var github = await GitHubApiFake.StartAsync("octo/shop");
        github.AddForeignComment(7, "LGTM");
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);

        var first = await RunAsync(cluster, PullRequestRunner(github), "preview", "web=web:pr7-a");
        var second = await RunAsync(cluster, PullRequestRunner(github), "preview", "web=web:pr7-b");
        var afterPreview = github.Comments.Where(c => c.Body.Contains(PreviewComment.Marker("pr-7"), StringComparison.Ordinal)).ToList();
        var cleanup = await RunAsync(cluster, PullRequestRunner(github), "preview-cleanup");

        var outputs = GitHubOutputFileParser.Parse(first.Environment.FileText("/gh/output"));
        var ours = github.Comments.Where(c => c.Body.Contains(PreviewComment.Marker("pr-7"), StringComparison.Ordinal)).ToList();
        var methods = github.Server.Requests.Select(r => r.Method).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((first.Code, second.Code, cleanup.Code), Is.EqualTo((0, 0, 0)));
            Assert.That(outputs["preview-url"], Is.EqualTo("https://shop.example.com/web/"));
            Assert.That(first.Environment.FileText("/gh/summary"), Does.Contain("curl -H 'x-preview: pr-7' https://shop.example.com/web/"));
            Assert.That(afterPreview, Has.Count.EqualTo(1), "one comment, updated rather than duplicated");
            Assert.That(afterPreview[0].Body, Does.Contain("https://shop.example.com/web/").And.Contain("x-preview: pr-7"));
            Assert.That(ours, Has.Count.EqualTo(1));
            Assert.That(ours[0].Body, Does.Contain("Preview removed"));
            Assert.That(github.Comments.Single(c => c.Body == "LGTM"), Is.Not.EqualTo(default((long, int, string))), "someone else's comment is left alone");
            Assert.That(methods.Count(m => m == "POST"), Is.EqualTo(1));
            Assert.That(methods.Count(m => m == "PATCH"), Is.EqualTo(2));
            Assert.That(github.Server.Requests.Select(r => r.Header("Authorization")), Has.All.Contains(Token), "the token authenticates every call");
            Assert.That(github.Server.Requests.Select(r => r.Path), Has.All.Contains("/repos/octo/shop/issues/"));
            foreach (var run in new[] { first, second, cleanup })
            {
                LeakScan.AssertMaskedFirst(run.Environment.Stdout.ToString(), [Token], "::add-mask::");
                LeakScan.AssertNoSecret(run.Environment.FileText("/gh/output") + run.Environment.FileText("/gh/summary"), [Token], "outputs and summary");
            }

            Assert.That(cluster.Deployment("web-pr-7"), Is.Null);
        });
    }

    [TestCase("push", true, TestName = "No comment outside a pull request event")]
    [TestCase("pull_request", false, TestName = "No comment without a github-token")]
    public async Task No_comment_is_attempted(string eventName, bool withToken)
    {
        await using var github = await GitHubApiFake.StartAsync("octo/shop");
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        var environment = PullRequestRunner(github);
        environment.Variables["GITHUB_EVENT_NAME"] = eventName;
        if (!withToken)
        {
            environment.Variables.Remove("INPUT_GITHUB-TOKEN");
        }

        var run = await RunAsync(cluster, environment, "preview", "web=web:2", "--header-route-name", "pr-7");

        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(ExitCodes.Success), run.Environment.Stdout.ToString());
            Assert.That(github.Server.Requests, Is.Empty);
            Assert.That(cluster.Mapping("web-pr-7", "v3alpha1"), Is.Not.Null);
        });
    }

    [Test]
    public async Task An_unready_preview_fails_with_exit_code_1_and_no_url()
    {
        await using var github = await GitHubApiFake.StartAsync("octo/shop");
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);

        var run = await RunAsync(cluster, PullRequestRunner(github), "preview", "web=" + EngineCluster.BadImage);

        var outputs = GitHubOutputFileParser.Parse(run.Environment.FileText("/gh/output"));
        Assert.Multiple(() =>
        {
            Assert.That(run.Code, Is.EqualTo(ExitCodes.RolledBack));
            Assert.That(outputs["preview-url"], Is.Empty);
            Assert.That(outputs["result"], Is.EqualTo("failed"));
            Assert.That(run.Environment.Stdout.ToString(), Does.Contain("::error::"));
            Assert.That(cluster.Mapping("web-pr-7", "v3alpha1"), Is.Null);
            Assert.That(github.Comments.Single().Body, Does.Contain("not ready"));
        });
    }

    [Test]
    public async Task A_failing_GitHub_client_is_a_warning_and_the_preview_still_succeeds()
    {
        await using var github = await GitHubApiFake.StartAsync("octo/shop");
        await using var cluster = await EngineCluster.StartAsync(AmbassadorCrdSet.Emissary4);
        await cluster.SeedAsync(MappingDialect.V3Alpha1);
        var environment = PullRequestRunner(github);
        environment.Variables["INPUT_IMAGE"] = "web=web:2";
        await using var session = PipelineSession.Start(environment.Build(), cluster.Clock, listenToSignals: false);
        var context = new CommandContext(session, CommandLine.Parse(["preview"], CliOptions.Switches), cluster.Clock);
        var spec = context.LoadSpec(PreviewCommand.SpecDefaults(context, "preview"))!;

        var code = await new PreviewCommand(context, cluster.Client, spec, new VirtualClockPacer(cluster.Clock), (_, _) => new ThrowingComments()).RunAsync("preview");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Success));
            Assert.That(environment.Stdout.ToString(), Does.Contain("::warning::").And.Contain("preview comment could not be written"));
            Assert.That(cluster.Mapping("web-pr-7", "v3alpha1"), Is.Not.Null);
        });
    }

    /// <summary>A GitHub runner's environment for pull request #7 of octo/shop, pointed at the fake API.</summary>
    private TestHostEnvironment PullRequestRunner(GitHubApiFake github)
    {
        var environment = new TestHostEnvironment();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_OUTPUT"] = "/gh/output",
            ["GITHUB_STEP_SUMMARY"] = "/gh/summary",
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_EVENT_PATH"] = _eventFile,
            ["GITHUB_REF"] = "refs/pull/7/merge",
            ["GITHUB_REPOSITORY"] = "octo/shop",
            ["GITHUB_API_URL"] = github.Server.BaseUrl.ToString(),
            ["INPUT_NAMESPACE"] = EngineCluster.Ns,
            ["INPUT_DEPLOYMENT"] = "web",
            ["INPUT_MAPPING"] = "web",
            ["INPUT_PROGRESS-DEADLINE"] = "3m",
            ["INPUT_PREVIEW-BASE-URL"] = "https://shop.example.com",
            ["INPUT_GITHUB-TOKEN"] = Token,
        })
        {
            environment.Variables[name] = value;
        }

        return environment;
    }

    /// <summary>Runs the command as the CLI does after connecting (spec with the preview defaults), on the cluster's virtual clock.</summary>
    private static async Task<(int Code, TestHostEnvironment Environment)> RunAsync(EngineCluster cluster, TestHostEnvironment environment, string command, string? image = null, params string[] flags)
    {
        if (image is not null)
        {
            environment.Variables["INPUT_IMAGE"] = image;
        }

        await using var session = PipelineSession.Start(environment.Build(), cluster.Clock, listenToSignals: false);
        var context = new CommandContext(session, CommandLine.Parse([command, .. flags], CliOptions.Switches), cluster.Clock);
        var spec = context.LoadSpec(PreviewCommand.SpecDefaults(context, command));
        if (spec is null)
        {
            return (ExitCodes.BadInput, environment);
        }

        var code = await new PreviewCommand(context, cluster.Client, spec, new VirtualClockPacer(cluster.Clock)).RunAsync(command);
        return (code, environment);
    }

    /// <summary>Fails the way Octokit's reflection can fail under Native AOT.</summary>
    private sealed class ThrowingComments : IPullRequestComments
    {
        public Task<IReadOnlyList<PullRequestComment>> ListAsync(PullRequestContext pullRequest, CancellationToken cancellationToken) =>
            throw new NullReferenceException("Octokit could not build List<IssueComment>");

        public Task CreateAsync(PullRequestContext pullRequest, string body, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateAsync(PullRequestContext pullRequest, long commentId, string body, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
