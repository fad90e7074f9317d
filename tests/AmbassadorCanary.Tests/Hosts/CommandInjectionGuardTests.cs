using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class CommandInjectionGuardTests
{
    private const string Zwsp = "\u200B";

    [TestCase("::stop-commands::resume", ":" + Zwsp + ":stop-commands::resume")]
    [TestCase("  ::error::fake", "  :" + Zwsp + ":error::fake")]
    [TestCase("image web::1.2 and a::b", "image web::1.2 and a::b")]
    [TestCase("ok\n::add-mask::x", "ok\n:" + Zwsp + ":add-mask::x")]
    public void GitHub_lines_cannot_start_a_workflow_command(string text, string expected) =>
        Assert.That(CommandInjectionGuard.GitHub(text), Is.EqualTo(expected));

    [TestCase("label ##vso[task.complete result=Succeeded;]", "label ##vso" + Zwsp + "[task.complete result=Succeeded;]")]
    [TestCase("##[group]fake", "##" + Zwsp + "[group]fake")]
    [TestCase("a ##[not at start]", "a ##[not at start]")]
    public void Azure_lines_cannot_carry_a_logging_command(string text, string expected) =>
        Assert.That(CommandInjectionGuard.Azure(text), Is.EqualTo(expected));

    [Test]
    public void Hosts_guard_plain_lines_and_azure_formatting_text_after_redacting()
    {
        var env = new TestHostEnvironment();
        var github = new GitHubActionsHost(env.Build());
        github.AddSecret("::secret-that-looks-like-a-command");
        github.WriteLine("::set-output name=x::y");
        github.WriteLine("::secret-that-looks-like-a-command");

        var azureEnv = new TestHostEnvironment();
        azureEnv.Variables["SYSTEM_DEBUG"] = "true";
        var azure = new AzurePipelinesHost(azureEnv.Build());
        azure.WriteLine("pod said ##vso[task.setvariable variable=x]1");
        azure.LogIssue(IssueLevel.Debug, "x ##vso[task.complete result=Succeeded;]");

        Assert.That(env.Lines.Skip(1), Is.EqualTo(new[] { ":" + Zwsp + ":set-output name=x::y", SecretMasker.Mask }));
        Assert.That(azureEnv.Lines, Is.EqualTo(new[]
        {
            "pod said ##vso" + Zwsp + "[task.setvariable variable=x]1",
            "##[debug]x ##vso" + Zwsp + "[task.complete result=Succeeded;]",
        }));
    }
}
