using System.Text;
using AmbassadorCanary.Hosts;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Hosts.Runner;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

/// <summary>A whole run's pipeline side, in process: inputs, masks, connection, logs, outputs, summary, completion.</summary>
public partial class PipelineSessionTests
{
    private const string GitHubToken = "ghs_session0123456789token";
    private const string PrometheusPassword = "prom-session-Pa55";

    private static IEnumerable<string> Secrets() =>
        [GitHubToken, PrometheusPassword, KubeconfigTests.Token, KubeconfigTests.Password, KubeconfigTests.ExecSecret, KubeconfigTests.RefreshToken, KubeconfigTests.KeyBody];

    [TestCase("github", "::add-mask::")]
    [TestCase("azure", "##vso[task.setsecret]")]
    public async Task A_run_masks_first_leaks_nothing_and_publishes_everything(string kind, string maskPrefix)
    {
        var temp = Directory.CreateTempSubdirectory("hosts-session-");
        try
        {
            var env = new TestHostEnvironment();
            var inputs = new Dictionary<string, string>
            {
                ["kubeconfig"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(KubeconfigTests.Kubeconfig())),
                ["github-token"] = GitHubToken,
                ["prometheus-password"] = PrometheusPassword,
                ["step-weights"] = "10,50",
                ["command"] = "rollout",
            };
            if (kind == "github")
            {
                env.Variables["GITHUB_ACTIONS"] = "true";
                env.Variables["GITHUB_OUTPUT"] = "/gh/output";
                env.Variables["GITHUB_STEP_SUMMARY"] = "/gh/summary";
                foreach (var (name, value) in inputs)
                {
                    env.Variables[InputNames.GitHubVariable(name)] = value;
                }
            }
            else
            {
                env.Variables["TF_BUILD"] = "True";
                foreach (var (name, value) in inputs.Where(i => i.Key != "github-token"))
                {
                    env.Variables[InputNames.AzureVariable(name)] = value;
                }
            }

            var environment = env.Build() with { TempDirectory = () => temp.FullName };
            string kubeconfigPath;
            await using (var session = PipelineSession.Start(environment, new FakeTimeProvider(), listenToSignals: false))
            {
                var connection = await session.ConnectAsync(null, null, CancellationToken.None);
                kubeconfigPath = connection.KubeconfigPath!;
                var logger = session.LoggerFactory.CreateLogger("run");
                using (logger.BeginGroup("Step 1: weight 10 %"))
                {
                    LogConnecting(logger, connection.Context!, GitHubToken, PrometheusPassword);
                }

                Assert.That(session.Inputs.ToSpecInputs(), Does.Contain(new PipelineInput("step-weights", "10,50")));
                session.Finish(JobSummaryMarkdownTests.Report() with { Message = "token was " + GitHubToken }, succeeded: true);
                Assert.That(File.Exists(kubeconfigPath), Is.True);
            }

            Assert.That(File.Exists(kubeconfigPath), Is.False, "the kubeconfig is deleted with the session");
            var stdout = env.Stdout.ToString();
            // Azure has no github-token input, so that value is no secret there.
            var secrets = kind == "github" ? Secrets().ToList() : Secrets().Where(s => s != GitHubToken).ToList();
            LeakScan.AssertMaskedFirst(stdout, secrets, maskPrefix);
            foreach (var (path, text) in env.Files)
            {
                LeakScan.AssertNoSecret(text.ToString(), secrets, path);
            }

            if (kind == "github")
            {
                var outputs = GitHubOutputFileParser.Parse(env.FileText("/gh/output"));
                Assert.That(outputs.Keys, Is.EquivalentTo(OutputNames.All));
                Assert.That(env.FileText("/gh/summary"), Does.Contain("```mermaid").And.Contain("token was ***"));
            }
            else
            {
                var lines = env.Lines;
                Assert.That(lines.Count(l => l.StartsWith("##vso[task.setvariable variable=", StringComparison.Ordinal)), Is.EqualTo(OutputNames.All.Count));
                Assert.That(lines, Has.One.StartsWith("##vso[task.uploadsummary]"));
                Assert.That(lines[^1], Does.StartWith("##vso[task.complete result=Succeeded;]shop/web: promoted"));
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_forced_unknown_host_is_an_error_and_local_has_no_inputs()
    {
        var env = new TestHostEnvironment();
        env.Variables["INPUT_NAMESPACE"] = "shop";

        Assert.Throws<ArgumentException>(() => PipelineSession.Start(env.Build(), new FakeTimeProvider(), forcedHost: "circleci", listenToSignals: false));
        await using var session = PipelineSession.Start(env.Build(), new FakeTimeProvider(), listenToSignals: false);
        Assert.That(session.Host.Kind, Is.EqualTo(PipelineHostKind.Local));
        Assert.That(session.Inputs.Values, Is.Empty);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connecting to {Context} with {Token} and {Password}")]
    private static partial void LogConnecting(ILogger logger, string context, string token, string password);
}
