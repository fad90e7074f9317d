using AmbassadorCanary.Hosts;
using NUnit.Framework;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Tests.Hosts;

public partial class PipelineLoggerProviderTests
{
    private static (TestHostEnvironment Env, IPipelineHost Host, ILoggerFactory Factory) Create(string kind, bool debug = false)
    {
        var env = new TestHostEnvironment();
        if (debug)
        {
            env.Variables["RUNNER_DEBUG"] = "1";
            env.Variables["SYSTEM_DEBUG"] = "true";
        }

        var host = PipelineHostFactory.Create(PipelineHostFactory.Parse(kind), env.Build());
        var factory = LoggerFactory.Create(b => b.AddPipelineHost(host));
        return (env, host, factory);
    }

    [Test]
    public void GitHub_events_become_workflow_commands_in_order()
    {
        var (env, _, factory) = Create("github");
        using (factory)
        {
            var logger = factory.CreateLogger("test");
            using (logger.BeginGroup("Step 1"))
            {
                LogStarted(logger, "web");
                LogPromoted(logger, "web");
                LogSlow(logger, 612);
                LogFailed(logger, new InvalidOperationException("422 spec.weight"), "web-canary");
                LogDetail(logger, "hidden");
            }
        }

        Assert.That(env.Lines, Is.EqualTo(new[]
        {
            "::group::Step 1",
            "Rollout of web started",
            "::notice::Promoted web",
            "::warning::p99 612 ms",
            "::error::Mapping web-canary: update failed: 422 spec.weight",
            "::endgroup::",
        }));
    }

    [Test]
    public void Debug_events_pass_only_when_the_pipeline_asks()
    {
        var (env, _, factory) = Create("github", debug: true);
        using (factory)
        {
            var logger = factory.CreateLogger("test");
            LogDetail(logger, "shown");
        }

        Assert.That(env.Lines, Is.EqualTo(new[] { "::debug::detail shown" }));
    }

    [Test]
    public void Azure_events_become_logging_commands()
    {
        var (env, _, factory) = Create("azure");
        using (factory)
        {
            var logger = factory.CreateLogger("test");
            using (logger.BeginGroup("Step 1"))
            {
                LogStarted(logger, "web");
                LogSlow(logger, 612);
                LogFailed(logger, null, "web-canary");
            }
        }

        Assert.That(env.Lines, Is.EqualTo(new[]
        {
            "##[group]Step 1",
            "Rollout of web started",
            "##vso[task.logissue type=warning;]p99 612 ms",
            "##vso[task.logissue type=error;]Mapping web-canary: update failed",
            "##[endgroup]",
        }));
    }

    [TestCase("github", "::add-mask::")]
    [TestCase("azure", "##vso[task.setsecret]")]
    public void Secret_inputs_are_masked_before_anything_is_logged_and_never_appear(string kind, string maskPrefix)
    {
        var (env, host, factory) = Create(kind);
        const string token = "ghp_abcdefghijklmnop0123";
        const string password = "prom-Pa55word!";
        if (kind == "github")
        {
            env.Variables["INPUT_GITHUB-TOKEN"] = token;
            env.Variables["INPUT_PROMETHEUS-PASSWORD"] = password;
        }
        else
        {
            env.Variables["INPUT_GITHUBTOKEN"] = token;
            env.Variables["INPUT_PROMETHEUSPASSWORD"] = password;
        }

        var inputs = host.ReadInputs();
        using (factory)
        {
            var logger = factory.CreateLogger("test");
            var secretInput = inputs.Get("github-token")!;
            var failure = new InvalidOperationException("401 for " + password);
            LogStarted(logger, secretInput);
            LogFailed(logger, failure, "web");
        }

        var lines = env.Lines;
        Assert.That(lines.Take(2), Has.All.StartsWith(maskPrefix));
        Assert.That(lines.Skip(2), Has.None.Contains(token).And.None.Contains(password));
        Assert.That(lines.Skip(2), Has.Some.Contains("***"));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Rollout of {Target} started")]
    private static partial void LogStarted(ILogger logger, string target);

    [LoggerMessage(EventId = 2, EventName = "NoticePromoted", Level = LogLevel.Information, Message = "Promoted {Target}")]
    private static partial void LogPromoted(ILogger logger, string target);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "p99 {Millis} ms")]
    private static partial void LogSlow(ILogger logger, int millis);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Mapping {Name}: update failed")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string name);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "detail {Text}")]
    private static partial void LogDetail(ILogger logger, string text);
}
