using AmbassadorCanary.Hosts;

namespace AmbassadorCanary.Tests.Hosts.Runner;

/// <summary>
/// The environment a CI runner gives a step: temp files for outputs and summary, the usual variables, and the
/// inputs in the host's INPUT_* form. For end-to-end runs of the built binary; deletes its files on dispose.
/// </summary>
internal sealed class RunnerSandbox : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("canary-runner-");

    public RunnerSandbox()
    {
        Directory.CreateDirectory(Temp);
        Directory.CreateDirectory(Workspace);
        File.WriteAllText(OutputFile, string.Empty);
        File.WriteAllText(SummaryFile, string.Empty);
        File.WriteAllText(Path.Combine(_root.FullName, "event.json"), "{}");
    }

    public string OutputFile => Path.Combine(_root.FullName, "github_output");

    public string SummaryFile => Path.Combine(_root.FullName, "step_summary.md");

    public string Temp => Path.Combine(_root.FullName, "temp");

    public string Workspace => Path.Combine(_root.FullName, "workspace");

    /// <summary>GitHub runner variables plus INPUT_* for every declared input (empty when not given, as the runner does).</summary>
    public Dictionary<string, string> GitHub(IReadOnlyDictionary<string, string> inputs)
    {
        var env = Base();
        env["GITHUB_ACTIONS"] = "true";
        env["CI"] = "true";
        env["GITHUB_OUTPUT"] = OutputFile;
        env["GITHUB_STEP_SUMMARY"] = SummaryFile;
        env["GITHUB_WORKSPACE"] = Workspace;
        env["GITHUB_EVENT_NAME"] = "push";
        env["GITHUB_EVENT_PATH"] = Path.Combine(_root.FullName, "event.json");
        env["GITHUB_REPOSITORY"] = "octo-org/shop";
        env["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567";
        env["GITHUB_REF"] = "refs/heads/main";
        env["GITHUB_RUN_ID"] = "4242";
        env["RUNNER_OS"] = "Linux";
        env["RUNNER_TEMP"] = Temp;
        foreach (var input in ActionInputs.All)
        {
            env[InputNames.GitHubVariable(input.Name)] = inputs.TryGetValue(input.Name, out var value) ? value : string.Empty;
        }

        return env;
    }

    /// <summary>Azure agent variables plus INPUT_* (camelCase uppercased) for the given inputs, as the task wrapper passes them.</summary>
    public Dictionary<string, string> Azure(IReadOnlyDictionary<string, string> inputs)
    {
        var env = Base();
        env["TF_BUILD"] = "True";
        env["AGENT_TEMPDIRECTORY"] = Temp;
        env["BUILD_SOURCESDIRECTORY"] = Workspace;
        env["BUILD_SOURCEVERSION"] = "0123456789abcdef0123456789abcdef01234567";
        env["SYSTEM_DEBUG"] = "false";
        foreach (var (name, value) in inputs)
        {
            env[InputNames.AzureVariable(name)] = value;
        }

        return env;
    }

    public void Dispose() => _root.Delete(recursive: true);

    private Dictionary<string, string> Base()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = _root.FullName,
            ["TMPDIR"] = Temp,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };

        // Lets the framework-dependent apphost find a runtime installed outside the default location; a runner image
        // runs the self-contained binary and needs nothing of the kind.
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot)
        {
            env["DOTNET_ROOT"] = dotnetRoot;
        }

        return env;
    }
}
