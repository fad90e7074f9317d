using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts.Runner;

/// <summary>The end-to-end harness itself, exercised with a shell script standing in for the tool.</summary>
public class RunnerSandboxTests
{
    // Node, not sh: dash drops variables whose names hold a hyphen (INPUT_STEP-WEIGHTS) from its children's environment.
    private const string Script = """
        const fs = require('fs');
        console.log('::add-mask::' + process.env['INPUT_GITHUB-TOKEN']);
        fs.appendFileSync(process.env.GITHUB_OUTPUT, 'phase<<EOF_1\nSucceeded\nEOF_1\n');
        fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## summary\n');
        console.log('weight=' + process.env['INPUT_STEP-WEIGHTS']);
        process.on('SIGTERM', () => { console.log('got-term'); process.exit(143); });
        console.log('ready');
        setInterval(() => {}, 1000);
        """;

    [Test]
    public async Task GitHub_environment_reaches_a_child_and_its_files_and_signals_work()
    {
        using var sandbox = new RunnerSandbox();
        var env = sandbox.GitHub(new Dictionary<string, string> { ["step-weights"] = "10,50", ["github-token"] = "ghs_harness-secret-token" });
        using var tool = ToolProcess.Start("node", ["-e", Script], env);

        await tool.WaitForOutputAsync("ready");
        tool.Signal("TERM");
        var code = await tool.WaitForExitAsync(CancellationToken.None);

        Assert.That(code, Is.EqualTo(143));
        Assert.That(tool.Stdout, Does.Contain("weight=10,50\n").And.Contain("got-term"));
        Assert.That(GitHubOutputFileParser.Parse(File.ReadAllText(sandbox.OutputFile))["phase"], Is.EqualTo("Succeeded"));
        Assert.That(File.ReadAllText(sandbox.SummaryFile), Is.EqualTo("## summary\n"));
        Assert.That(env.Keys.Count(k => k.StartsWith("INPUT_", StringComparison.Ordinal)), Is.EqualTo(ActionInputs.All.Count));
        Assert.That(LeakScan.ContainsSecret(tool.Stdout, ["ghs_harness-secret-token"]), Is.True, "the scan sees the secret in the mask line");
        LeakScan.AssertMaskedFirst(tool.Stdout, ["ghs_harness-secret-token"], "::add-mask::");
    }

    [Test]
    public void Azure_environment_uses_camel_case_input_variables()
    {
        using var sandbox = new RunnerSandbox();

        var env = sandbox.Azure(new Dictionary<string, string> { ["step-weights"] = "5" });

        Assert.That(env["TF_BUILD"], Is.EqualTo("True"));
        Assert.That(env["INPUT_STEPWEIGHTS"], Is.EqualTo("5"));
        Assert.That(env["AGENT_TEMPDIRECTORY"], Is.EqualTo(sandbox.Temp));
    }
}
