using AmbassadorCanary.Preview;
using AmbassadorCanary.Preview.GitHub;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Preview;

/// <summary>Where the preview's name and route come from when not given, and how a pull request run is recognised.</summary>
public sealed class PreviewSettingsTests
{
    private static readonly string[] Required = ["--namespace", "prod", "--deployment", "web", "--mapping", "web"];

    [TestCase("""{"number":12,"pull_request":{"number":12}}""", null, 12)]
    [TestCase("""{"pull_request":{"number":34}}""", "refs/heads/main", 34)]
    [TestCase(null, "refs/pull/56/merge", 56)]
    [TestCase("""{"ref":"refs/heads/main"}""", "refs/heads/main", null)]
    [TestCase("not json", "refs/pull/78/head", 78)]
    public void The_pull_request_number_comes_from_the_event_payload_then_GITHUB_REF(string? payload, string? gitHubRef, int? expected)
    {
        var variables = new Dictionary<string, string?> { ["GITHUB_EVENT_PATH"] = payload is null ? null : "/event.json", ["GITHUB_REF"] = gitHubRef };

        var number = PullRequestContext.NumberFrom(n => variables.GetValueOrDefault(n), path => path == "/event.json" ? payload : null);

        Assert.That(number, Is.EqualTo(expected));
    }

    [TestCase("true", "pull_request", "octo/shop", true)]
    [TestCase("true", "pull_request_target", "octo/shop", true)]
    [TestCase("true", "push", "octo/shop", false)]
    [TestCase(null, "pull_request", "octo/shop", false)]
    [TestCase("true", "pull_request", "", false)]
    public void A_pull_request_context_exists_only_in_pull_request_runs(string? actions, string eventName, string repository, bool expected)
    {
        var variables = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = actions,
            ["GITHUB_EVENT_NAME"] = eventName,
            ["GITHUB_REPOSITORY"] = repository,
            ["GITHUB_REF"] = "refs/pull/9/merge",
        };

        var context = PullRequestContext.From(n => variables.GetValueOrDefault(n), _ => null);

        Assert.That(context is not null, Is.EqualTo(expected));
        if (context is not null)
        {
            Assert.That((context.Owner, context.Repository, context.Number, context.ApiUrl), Is.EqualTo(("octo", "shop", 9, PullRequestContext.DefaultApiUrl)));
        }
    }

    [Test]
    public void Without_a_name_or_route_the_preview_is_pr_number_behind_x_preview()
    {
        var spec = Load(Defaults(12, cleanup: false, "--image", "web=web:2"), "--image", "web=web:2");

        Assert.That(spec.HeaderRoute, Is.EqualTo(new HeaderRouteSpec { Name = "pr-12", Header = "x-preview", Value = "pr-12" }));
    }

    [Test]
    public void A_configured_cookie_is_kept_and_no_header_is_added()
    {
        string[] flags = ["--image", "web=web:2", "--cookie", "preview=blue", "--header-route-name", "blue"];

        var spec = Load(Defaults(12, cleanup: false, flags), flags);

        Assert.That(spec.HeaderRoute, Is.EqualTo(new HeaderRouteSpec { Name = "blue", Cookie = "preview=blue" }));
    }

    [Test]
    public void Outside_a_pull_request_the_name_is_preview_and_cleanup_needs_no_image()
    {
        var spec = Load(Defaults(null, cleanup: true));

        Assert.Multiple(() =>
        {
            Assert.That(spec.HeaderRoute!.Name, Is.EqualTo(PreviewSettings.FallbackName));
            Assert.That(spec.HeaderRoute.Value, Is.EqualTo(PreviewSettings.FallbackName));
        });
    }

    [Test]
    public void The_preview_name_flag_names_the_preview_unless_header_route_name_is_given()
    {
        var aliased = Load(PreviewSettings.Defaults(Sources(["--image", "web=web:2"]), 12, cleanup: false, previewName: "blue"), "--image", "web=web:2");
        string[] both = ["--image", "web=web:2", "--header-route-name", "green"];
        var explicitName = Load(PreviewSettings.Defaults(Sources(both), 12, cleanup: false, previewName: "blue"), both);

        Assert.That((aliased.HeaderRoute!.Name, explicitName.HeaderRoute!.Name), Is.EqualTo(("blue", "green")));
    }

    [TestCase("header")]
    [TestCase("canary")]
    [TestCase("canary-blue")]
    [TestCase("pr-1")]
    public void Names_that_would_take_the_canary_objects_are_refused(string name) =>
        Assert.That(PreviewNames.Problem(name) is null, Is.EqualTo(name == "pr-1"));

    private static IReadOnlyList<CommandLineOption> Defaults(int? pullRequest, bool cleanup, params string[] flags) =>
        PreviewSettings.Defaults(Sources(flags), pullRequest, cleanup);

    private static RolloutSpec Load(IReadOnlyList<CommandLineOption> defaults, params string[] flags)
    {
        var sources = Sources(flags) with { Flags = [.. defaults, .. Sources(flags).Flags] };
        var result = RolloutSpecLoader.Load(sources);
        Assert.That(result.Errors, Is.Empty);
        return result.Spec!;
    }

    private static SpecSources Sources(string[] flags) => new() { Flags = CommandLine.Parse(["preview", .. Required, .. flags]).Options };
}
