using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Spec;

/// <summary>Loads a spec from YAML text, argv-style flags and pipeline inputs, as the CLI and the hosts do.</summary>
internal static class SpecLoading
{
    public const string MinimalFlags = "--deployment web --image web=repo/web:2.0 --mapping web";

    public static readonly string[] External = ["kubeconfig", "context", "output", "scenario", "kubeconfig-out"];

    public static SpecLoadResult Load(string? yaml, string flags = "", params (string Name, string Value)[] inputs)
    {
        var commandLine = CommandLine.Parse(("rollout " + flags).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return RolloutSpecLoader.Load(SpecSources.FromCommandLine(commandLine, External) with
        {
            FilePath = yaml is null ? null : "rollout.yaml",
            FileText = yaml,
            Inputs = inputs.Select(i => new PipelineInput(i.Name, i.Value)).ToList(),
        });
    }

    public static RolloutSpec Valid(string? yaml, string flags = "", params (string Name, string Value)[] inputs)
    {
        var result = Load(yaml, flags, inputs);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        return result.Spec!;
    }

    public static IReadOnlyList<string> Errors(string? yaml, string flags = "", params (string Name, string Value)[] inputs)
    {
        var result = Load(yaml, flags, inputs);
        Assert.That(result.Spec, Is.Null, "a spec with errors must not be returned");
        return result.Errors.Select(e => e.ToString()).ToList();
    }
}
