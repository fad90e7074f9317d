using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class GitHubActionsHostTests
{
    private const string OutputPath = "/runner/output";
    private const string SummaryPath = "/runner/summary";

    private static (TestHostEnvironment Env, GitHubActionsHost Host) Create()
    {
        var env = new TestHostEnvironment();
        env.Variables["GITHUB_ACTIONS"] = "true";
        env.Variables["GITHUB_OUTPUT"] = OutputPath;
        env.Variables["GITHUB_STEP_SUMMARY"] = SummaryPath;
        return (env, new GitHubActionsHost(env.Build()));
    }

    [Test]
    public void Outputs_parse_back_as_the_runner_reads_them_including_multiline()
    {
        var (env, host) = Create();

        host.SetOutput("phase", "Succeeded");
        host.SetOutput("metrics", "{\"a\": 1}");
        host.SetOutput("summary", "line one\nline two\n\nline four");
        host.SetOutput("canary-revision", "a=b<<c");

        var outputs = GitHubOutputFileParser.Parse(env.FileText(OutputPath));
        Assert.That(outputs, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["phase"] = "Succeeded",
            ["metrics"] = "{\"a\": 1}",
            ["summary"] = "line one\nline two\n\nline four",
            ["canary-revision"] = "a=b<<c",
        }));
    }

    [Test]
    public void Each_output_gets_its_own_random_delimiter_by_default()
    {
        var env = new TestHostEnvironment();
        env.Variables["GITHUB_OUTPUT"] = OutputPath;
        var build = env.Build() with { NewDelimiter = new HostEnvironment { GetVariable = _ => null, Stdout = TextWriter.Null }.NewDelimiter };
        var host = new GitHubActionsHost(build);

        host.SetOutput("a", "1");
        host.SetOutput("b", "2");

        var delimiters = env.FileText(OutputPath).Split('\n').Where(l => l.Contains("<<", StringComparison.Ordinal)).Select(l => l[(l.IndexOf("<<", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.That(delimiters, Has.Count.EqualTo(2).And.Unique);
        Assert.That(delimiters, Has.All.Match("^ghadelimiter_[0-9a-f]{32}$"));
    }

    [Test]
    public void A_delimiter_that_occurs_in_the_value_is_not_used()
    {
        var env = new TestHostEnvironment();
        env.Variables["GITHUB_OUTPUT"] = OutputPath;
        var candidates = new Queue<string>(["EOF", "EOF2"]);
        env.Delimiters = candidates.Dequeue;
        var host = new GitHubActionsHost(env.Build());

        host.SetOutput("summary", "before\nEOF\nafter");

        Assert.That(env.FileText(OutputPath), Does.StartWith("summary<<EOF2\n"));
        Assert.That(GitHubOutputFileParser.Parse(env.FileText(OutputPath))["summary"], Is.EqualTo("before\nEOF\nafter"));
    }

    [Test]
    public void Workflow_commands_are_escaped_like_the_toolkit()
    {
        var (env, host) = Create();

        host.LogIssue(IssueLevel.Error, "100% broken\r\nsecond line");
        host.LogIssue(IssueLevel.Warning, "careful: a, b");
        host.LogIssue(IssueLevel.Notice, "promoted");
        host.LogIssue(IssueLevel.Debug, "detail");
        host.StartGroup("Step 2: weight 20 %");
        host.WriteLine("plain");
        host.EndGroup();

        Assert.That(env.Lines, Is.EqualTo(new[]
        {
            "::error::100%25 broken%0D%0Asecond line",
            "::warning::careful: a, b",
            "::notice::promoted",
            "::debug::detail",
            "::group::Step 2: weight 20 %25",
            "plain",
            "::endgroup::",
        }));
    }

    [Test]
    public void Properties_escape_colon_and_comma()
    {
        var line = GitHubCommands.Format("error", "m", [new("title", "a:b,c%"), new("line", "3")]);

        Assert.That(line, Is.EqualTo("::error title=a%3Ab%2Cc%25,line=3::m"));
    }

    [TestCase("RUNNER_DEBUG", "1", true)]
    [TestCase("ACTIONS_STEP_DEBUG", "true", true)]
    [TestCase("ACTIONS_STEP_DEBUG", "false", false)]
    [TestCase("OTHER", "true", false)]
    public void Debug_follows_the_runner_switches(string name, string value, bool expected)
    {
        var env = new TestHostEnvironment();
        env.Variables[name] = value;

        Assert.That(new GitHubActionsHost(env.Build()).IsDebugEnabled, Is.EqualTo(expected));
    }

    [Test]
    public void Secrets_are_masked_once_per_line_and_redacted_everywhere_else()
    {
        var (env, host) = Create();
        const string token = "ghs_0123456789abcdefSECRET";
        const string key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END KEY-----";

        host.AddSecret(token);
        host.AddSecret(token);
        host.AddSecret(key);
        host.WriteLine("token is " + token);
        host.LogIssue(IssueLevel.Error, "key MIIEvQIBADANBgkqhkiG9w0B leaked?");
        host.StartGroup(token);
        host.SetOutput("summary", "x " + token);
        host.WriteSummary("summary " + token);

        Assert.That(env.Lines.Where(l => l.StartsWith("::add-mask::", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "::add-mask::" + token,
            "::add-mask::-----BEGIN KEY-----",
            "::add-mask::MIIEvQIBADANBgkqhkiG9w0B",
            "::add-mask::-----END KEY-----",
        }));
        var afterMasks = env.Lines.Skip(4).ToList();
        Assert.That(afterMasks, Has.None.Contains(token).And.None.Contains("MIIEvQIBADANBgkqhkiG9w0B"));
        Assert.That(afterMasks, Does.Contain("token is ***"));
        Assert.That(env.FileText(OutputPath) + env.FileText(SummaryPath), Does.Not.Contain(token));
    }

    [Test]
    public void Summary_is_appended_and_capped_at_one_mebibyte()
    {
        var (env, host) = Create();

        host.WriteSummary("first\n");
        host.WriteSummary(string.Concat(Enumerable.Repeat("| a row of a very long table |\n", 60_000)));

        var text = env.FileText(SummaryPath);
        Assert.That(text, Does.StartWith("first\n| a row"));
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(text), Is.LessThanOrEqualTo(JobSummary.MaxBytes + "first\n".Length));
        Assert.That(text, Does.EndWith("_(summary truncated at 1 MiB)_\n"));
    }

    [Test]
    public void Missing_output_file_is_a_warning_not_a_crash()
    {
        var env = new TestHostEnvironment();
        var host = new GitHubActionsHost(env.Build());

        host.SetOutput("phase", "Succeeded");

        Assert.That(env.Lines, Is.EqualTo(new[] { "::warning::GITHUB_OUTPUT is not set; output phase is not published" }));
    }
}
