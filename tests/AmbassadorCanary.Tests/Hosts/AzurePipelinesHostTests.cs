using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class AzurePipelinesHostTests
{
    private static (TestHostEnvironment Env, AzurePipelinesHost Host) Create(bool debug = false)
    {
        var env = new TestHostEnvironment();
        env.Variables["TF_BUILD"] = "True";
        env.Variables["AGENT_TEMPDIRECTORY"] = "/agent/_temp";
        if (debug)
        {
            env.Variables["SYSTEM_DEBUG"] = "true";
        }

        return (env, new AzurePipelinesHost(env.Build()));
    }

    [Test]
    public void Logging_commands_have_the_agent_syntax()
    {
        var (env, host) = Create();

        host.AddSecret("s3cr3t-value");
        host.SetOutput("canary-revision", "web:1.2; x]");
        host.SetOutput("summary", "two\nlines 100%");
        host.LogIssue(IssueLevel.Error, "failed");
        host.LogIssue(IssueLevel.Warning, "slow");
        host.LogIssue(IssueLevel.Notice, "promoted");
        host.LogIssue(IssueLevel.Debug, "hidden without System.Debug");
        host.StartGroup("Step 1");
        host.EndGroup();
        host.Complete(false, "rolled back");
        host.Complete(true, "done");

        Assert.That(env.Lines, Is.EqualTo(new[]
        {
            "##vso[task.setsecret]s3cr3t-value",
            "##vso[task.setvariable variable=canaryRevision;isOutput=true;]web:1.2; x]",
            "##vso[task.setvariable variable=summary;isOutput=true;]two%0Alines 100%AZP25",
            "##vso[task.logissue type=error;]failed",
            "##vso[task.logissue type=warning;]slow",
            "##[section]promoted",
            "##[group]Step 1",
            "##[endgroup]",
            "##vso[task.complete result=Failed;]rolled back",
            "##vso[task.complete result=Succeeded;]done",
        }));
    }

    [Test]
    public void Property_values_escape_semicolon_and_bracket()
    {
        Assert.That(
            AzureCommands.Format("task.logissue", "m", [AzureCommands.Property("sourcepath", "a;b]c%")]),
            Is.EqualTo("##vso[task.logissue sourcepath=a%3Bb%5Dc%AZP25;]m"));
    }

    [Test]
    public void Debug_lines_appear_with_system_debug()
    {
        var (env, host) = Create(debug: true);

        host.LogIssue(IssueLevel.Debug, "detail");

        Assert.That(host.IsDebugEnabled, Is.True);
        Assert.That(env.Lines, Is.EqualTo(new[] { "##[debug]detail" }));
    }

    [Test]
    public void Summary_is_written_to_the_agent_temp_directory_and_uploaded()
    {
        var (env, host) = Create();
        host.AddSecret("hunter2-password");

        host.WriteSummary("# Canary\npassword hunter2-password\n");

        var upload = env.Lines.Single(l => l.StartsWith("##vso[task.uploadsummary]", StringComparison.Ordinal));
        var path = upload["##vso[task.uploadsummary]".Length..];
        Assert.That(path, Does.StartWith("/agent/_temp/ambassador-canary-summary-").And.EndWith(".md"));
        Assert.That(env.FileText(path), Is.EqualTo("# Canary\npassword ***\n"));
    }

    [Test]
    public void Secrets_never_reach_stdout_except_in_setsecret()
    {
        var (env, host) = Create();
        const string secret = "pr0metheus-pa55word";

        host.AddSecret(secret);
        host.WriteLine("connecting with " + secret);
        host.LogIssue(IssueLevel.Error, secret);
        host.SetOutput("metrics", "{\"p\":\"" + secret + "\"}");
        host.Complete(false, secret);

        Assert.That(env.Lines[0], Is.EqualTo("##vso[task.setsecret]" + secret));
        Assert.That(env.Lines.Skip(1), Has.None.Contains(secret));
        Assert.That(env.Lines.Skip(1), Has.Some.Contains("***"));
    }
}
