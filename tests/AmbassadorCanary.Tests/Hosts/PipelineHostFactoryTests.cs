using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class PipelineHostFactoryTests
{
    [TestCase("GITHUB_ACTIONS", "true", PipelineHostKind.GitHubActions)]
    [TestCase("TF_BUILD", "True", PipelineHostKind.AzurePipelines)]
    [TestCase("GITHUB_ACTIONS", "false", PipelineHostKind.Local)]
    [TestCase("CI", "true", PipelineHostKind.Local)]
    public void Detects_the_host_from_the_environment(string name, string value, PipelineHostKind expected)
    {
        var env = new TestHostEnvironment();
        env.Variables[name] = value;

        Assert.That(PipelineHostFactory.Detect(env.Build().GetVariable), Is.EqualTo(expected));
        Assert.That(PipelineHostFactory.Create(env.Build()).Kind, Is.EqualTo(expected));
    }

    [TestCase("github", PipelineHostKind.GitHubActions)]
    [TestCase("Azure", PipelineHostKind.AzurePipelines)]
    [TestCase("local", PipelineHostKind.Local)]
    public void Parses_known_names(string name, PipelineHostKind expected) =>
        Assert.That(PipelineHostFactory.Parse(name), Is.EqualTo(expected));

    [Test]
    public void Unknown_names_are_an_error_not_a_default()
    {
        var error = Assert.Throws<ArgumentException>(() => PipelineHostFactory.Parse("jenkins"));

        Assert.That(error!.Message, Does.Contain("jenkins").And.Contain("github, azure, local"));
    }
}
