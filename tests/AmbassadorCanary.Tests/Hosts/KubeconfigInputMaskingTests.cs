using System.Text;
using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

/// <summary>A kubeconfig input is masked by its credentials, not line by line, so ordinary YAML stays readable in logs.</summary>
public sealed class KubeconfigInputMaskingTests
{
    private const string Token = "sha256~Kz9xQv3mW7pL2nR8tY5uB1cD4eF6gH0j";

    private static readonly string Kubeconfig = $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: prod
          cluster:
            server: https://127.0.0.1:6443
        users:
        - name: deployer
          user:
            token: {Token}
        contexts:
        - name: prod
          context:
            cluster: prod
            user: deployer
            namespace: default
        current-context: prod
        """;

    [TestCase(false)]
    [TestCase(true)]
    public void Credentials_are_masked_and_plain_yaml_lines_are_not(bool base64)
    {
        var env = new TestHostEnvironment();
        env.Variables["GITHUB_ACTIONS"] = "true";
        env.Variables["INPUT_KUBECONFIG"] = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(Kubeconfig)) : Kubeconfig;
        var host = new GitHubActionsHost(env.Build());

        host.ReadInputs();
        host.WriteLine("apiVersion: v1 and namespace: default stay readable; the token is " + Token);

        var lines = env.Lines;
        Assert.That(lines, Has.Some.EqualTo("::add-mask::" + Token));
        Assert.That(lines.Where(l => l.StartsWith("::add-mask::", StringComparison.Ordinal)), Has.None.Contains("apiVersion").And.None.Contains("namespace: default"));
        var logged = lines.Single(l => l.StartsWith("apiVersion", StringComparison.Ordinal));
        Assert.That(logged, Does.StartWith("apiVersion: v1 and namespace: default stay readable"));
        Assert.That(logged, Does.Not.Contain(Token));
    }

    [Test]
    public void A_kubeconfig_that_does_not_parse_is_masked_line_by_line()
    {
        var env = new TestHostEnvironment();
        env.Variables["GITHUB_ACTIONS"] = "true";
        env.Variables["INPUT_KUBECONFIG"] = "token: " + Token + "\n  - : [broken";
        var host = new GitHubActionsHost(env.Build());

        host.ReadInputs();

        Assert.That(env.Lines, Has.Some.EqualTo("::add-mask::token: " + Token));
    }
}
