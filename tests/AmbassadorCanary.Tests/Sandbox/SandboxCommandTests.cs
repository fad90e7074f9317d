using AmbassadorCanary.Tests.Cli;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Sandbox;

/// <summary>The README's main job: `sandbox` runs a whole rollout against the simulated cluster, one scenario per run.</summary>
public class SandboxCommandTests
{
    [Test]
    public async Task Healthy_scenario_promotes_and_shows_each_step()
    {
        var (code, env) = await CliRun.RunAsync(["sandbox"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("weight 10").And.Contain("weight 25").And.Contain("weight 50"));
        Assert.That(output, Does.Contain("Finalizing -> Succeeded"));
        Assert.That(output, Does.Not.Contain("❌"), "a healthy canary fails no check");
    }

    [Test]
    public async Task Unready_canary_is_rolled_back_before_it_gets_traffic()
    {
        var (code, env) = await CliRun.RunAsync(["sandbox", "--scenario", "unready"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("progress deadline exceeded").And.Contain("RollingBack -> RolledBack"));
        Assert.That(output, Does.Not.Contain("weight 10"), "no weight was ever given to the unready canary");
    }

    [TestCase("errors", "success-rate")]
    [TestCase("errors", "error-rate-vs-primary")]
    [TestCase("slow", "latency-vs-primary")]
    public async Task Regressed_canary_is_rolled_back_and_the_failed_check_is_printed(string scenario, string failedCheck)
    {
        var (code, env) = await CliRun.RunAsync(["sandbox", "--scenario", scenario]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("RollingBack -> RolledBack"));
        var header = output.Split('\n').First(l => l.StartsWith("| Time (UTC)", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToList();
        var column = header.IndexOf(failedCheck);
        Assert.That(column, Is.GreaterThan(0), $"the steps table has a '{failedCheck}' column");
        var failedRow = output.Split('\n').Where(l => l.StartsWith("| 2026", StringComparison.Ordinal)).Select(l => l.Split('|')).LastOrDefault(c => c[column].Contains('❌'));
        Assert.That(failedRow, Is.Not.Null, $"a row shows {failedCheck} failed, with its value");
        Assert.That(failedRow![column], Does.Match(@"❌ [0-9.]+"));
        Assert.That(output.Split('\n').Where(l => l.Contains($"check {failedCheck} at weight", StringComparison.Ordinal)),
            Has.Some.Contains("Fail, value"), "every tick's checks are logged with value and threshold");
    }

    [Test]
    public async Task Unknown_scenario_is_bad_input()
    {
        var (code, env) = await CliRun.RunAsync(["sandbox", "--scenario", "sloow"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(env.Stdout.ToString(), Does.Contain("--scenario 'sloow': unknown; expected one of healthy, unready, errors, slow"));
    }

    [Test]
    public async Task Sandbox_flags_and_spec_flags_are_reported_together()
    {
        var (code, env) = await CliRun.RunAsync(["sandbox", "--scenario", "sloow", "--crd-set", "emissary9", "--interval", "soon"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--scenario 'sloow'"));
        Assert.That(output, Does.Contain("--crd-set 'emissary9'"));
        Assert.That(output, Does.Contain("'soon' is not a duration"));
        Assert.That(output, Does.Not.Contain("simulated cluster at"), "nothing starts on bad input");
    }

    [TestCase("--seed")]
    [TestCase("--config")]
    public async Task A_flag_nothing_reads_is_bad_input_not_silently_ignored(string flag)
    {
        var (code, env) = await CliRun.RunAsync(["sandbox", flag, "3"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"flag {flag}: unknown flag"));
    }

    [Test]
    public async Task A_flag_replaces_the_sandbox_default_of_the_same_name()
    {
        var (code, env) = await CliRun.RunAsync(["sandbox", "--step-weights", "20,60", "--interval", "30s"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("steps 20,60, interval 00:00:30"));
    }

    [Test]
    public async Task Sandbox_serve_without_kubeconfig_out_is_reported_with_the_other_problems()
    {
        var (code, env) = await CliRun.RunAsync(["sandbox", "serve", "--scenario", "sloow"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--scenario 'sloow'"));
        Assert.That(output, Does.Contain("--kubeconfig-out FILE is required"));
    }

    [Test]
    public async Task Emissary4_cluster_uses_v3alpha1_and_promotes()
    {
        var (code, env) = await CliRun.RunAsync(["sandbox", "--crd-set", "emissary4"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Mapping dialect V3Alpha1"));
    }
}
