using AmbassadorCanary.Tests.Cli;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Sandbox;

/// <summary>The README's main job: `sandbox` runs a whole rollout against the simulated cluster, per scenario.</summary>
public class SandboxCommandTests
{
    [Test]
    public async Task Healthy_scenario_promotes_and_shows_each_step()
    {
        var (code, env) = await CliRun.RunAsync(["sandbox"]);
        var output = env.Stdout.ToString();
        TestContext.Out.WriteLine(output);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("weight 10").And.Contain("weight 25").And.Contain("weight 50"));
        Assert.That(output, Does.Contain("Succeeded"));
    }
}
