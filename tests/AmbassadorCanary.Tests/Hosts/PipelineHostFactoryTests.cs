using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class PipelineHostFactoryTests
{
    [TestCase("GITHUB_ACTIONS", "true", "GitHubActions")]
    [TestCase("TF_BUILD", "True", "AzurePipelines")]
    [TestCase("GITHUB_ACTIONS", "false", "Local")]
    [TestCase("CI", "true", "Local")]
    public void Detects_the_host_from_the_environment(string name, string value, string expectedKind)
    {
        var expected = Enum.Parse<PipelineHostKind>(expectedKind);
        var env = new TestHostEnvironment();
        env.Variables[name] = value;

        Assert.That(PipelineHostFactory.Detect(env.Build().GetVariable), Is.EqualTo(expected));
        Assert.That(PipelineHostFactory.Create(env.Build()).Kind, Is.EqualTo(expected));
    }

    [TestCase("github", "GitHubActions")]
    [TestCase("Azure", "AzurePipelines")]
    [TestCase("local", "Local")]
    public void Parses_known_names(string name, string expectedKind) =>
        Assert.That(PipelineHostFactory.Parse(name), Is.EqualTo(Enum.Parse<PipelineHostKind>(expectedKind)));

    [Test]
    public void Unknown_names_are_an_error_not_a_default()
    {
        var error = Assert.Throws<ArgumentException>(() => PipelineHostFactory.Parse("jenkins"));

        Assert.That(error!.Message, Does.Contain("jenkins").And.Contain("github, azure, local"));
    }
}
