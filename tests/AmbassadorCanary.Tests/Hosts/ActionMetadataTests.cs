using System.Text.Json.Nodes;
using AmbassadorCanary.Hosts;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Tests.Hosts;

/// <summary>action.yml, task.json, the docs tables and the examples agree with each other and with the code.</summary>
public class ActionMetadataTests
{
    private static YamlMappingNode Action => RepositoryFiles.Yaml("action.yml");

    private static JsonNode Task => JsonNode.Parse(RepositoryFiles.Read("action/task/task.json"))!;

    [Test]
    public void Action_yml_declares_every_known_input_with_a_description_and_a_default()
    {
        var inputs = (YamlMappingNode)Action.Child("inputs")!;

        Assert.That(inputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value), Is.EqualTo(ActionInputs.All.Select(i => i.Name)));
        foreach (var (key, value) in inputs.Children)
        {
            var input = (YamlMappingNode)value;
            Assert.That(input.Scalar("description"), Is.Not.Null.And.Not.Empty, key.ToString());
            Assert.That(input.Child("default"), Is.Not.Null, key + " has a default");
        }

        Assert.That(((YamlMappingNode)inputs.Child("github-token")!).Scalar("default"), Is.EqualTo("${{ github.token }}"));
        foreach (var input in ActionInputs.All.Where(i => i.Setting is not null))
        {
            var description = ((YamlMappingNode)inputs.Child(input.Name)!).Scalar("description");
            Assert.That(description, Does.StartWith(input.Setting!.Meaning), $"{input.Name}: described as in the settings table");
            Assert.That(((YamlMappingNode)inputs.Child(input.Name)!).Scalar("default"), Is.Empty, $"{input.Name}: empty default, so the spec file is not overridden");
        }
        Assert.That(((YamlMappingNode)inputs.Child("command")!).Scalar("description"),
            Does.Contain("rollout | step | promote | rollback | status | plan | preview | preview-cleanup"));
    }

    [Test]
    public void Action_yml_declares_the_outputs_and_runs_the_dockerfile()
    {
        var outputs = (YamlMappingNode)Action.Child("outputs")!;
        var runs = (YamlMappingNode)Action.Child("runs")!;

        Assert.That(outputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value), Is.EqualTo(OutputNames.All));
        Assert.That(outputs.Children.Values.Cast<YamlMappingNode>().Select(o => o.Scalar("description")), Has.All.Not.Empty);
        Assert.That(runs.Scalar("using"), Is.EqualTo("docker"));
        Assert.That(runs.Scalar("image"), Is.EqualTo("Dockerfile"));
    }

    [Test]
    public void Task_json_declares_the_same_inputs_camel_case_and_the_outputs()
    {
        var task = Task;
        var names = task["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();

        Assert.That(names, Is.EqualTo(ActionInputs.All.Where(i => !i.GitHubOnly).Select(i => i.AzureName)));
        Assert.That(task["outputVariables"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()),
            Is.EqualTo(OutputNames.All.Select(InputNames.ToCamelCase)));
        Assert.That(task["execution"]!["Node20_1"]!["target"]!.GetValue<string>(), Is.EqualTo("index.js"));
    }

    [Test]
    public void Docs_tables_match_action_yml()
    {
        foreach (var document in new[] { "docs/pipeline-hosts.md", "README.md" })
        {
            var text = RepositoryFiles.Read(document);
            var inputs = ActionTables.Section(text, "action-inputs");
            var outputs = ActionTables.Section(text, "action-outputs");
            if (document == "README.md" && inputs is null && outputs is null)
            {
                continue; // README takes the tables when the lead copies them in, markers included.
            }

            var expectedInputs = ActionTables.Inputs(Action);
            var expectedOutputs = ActionTables.Outputs(Action);
            Assert.That(inputs, Is.EqualTo(expectedInputs), $"{document}: the inputs table differs from action.yml; it should read:\n{expectedInputs}");
            Assert.That(outputs, Is.EqualTo(expectedOutputs), $"{document}: the outputs table differs from action.yml; it should read:\n{expectedOutputs}");
        }
    }

    [Test]
    public void Azure_example_uses_the_task_by_name_and_only_its_real_inputs()
    {
        var task = Task;
        var taskName = task["name"]!.GetValue<string>() + "@" + task["version"]!["Major"]!.GetValue<int>();
        var inputNames = task["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToHashSet();
        var steps = Descendants(RepositoryFiles.Yaml("examples/azure/azure-pipelines.yml"))
            .OfType<YamlMappingNode>()
            .Where(m => m.Scalar("task")?.StartsWith(task["name"]!.GetValue<string>(), StringComparison.Ordinal) == true)
            .ToList();

        Assert.That(steps, Is.Not.Empty);
        foreach (var step in steps)
        {
            Assert.That(step.Scalar("task"), Is.EqualTo(taskName));
            var used = ((YamlMappingNode)step.Child("inputs")!).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
            Assert.That(used, Is.SubsetOf(inputNames));
        }
    }

    [TestCase("examples/github/release.yml")]
    [TestCase("examples/github/pr-preview.yml")]
    [TestCase("examples/github/scheduled-progression.yml")]
    public void GitHub_examples_pass_only_inputs_the_action_declares(string path)
    {
        var declared = ((YamlMappingNode)Action.Child("inputs")!).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var steps = Descendants(RepositoryFiles.Yaml(path)).OfType<YamlMappingNode>()
            .Where(m => m.Scalar("uses")?.Contains("/ambassador-canary@", StringComparison.Ordinal) == true).ToList();

        Assert.That(steps, Is.Not.Empty);
        foreach (var step in steps)
        {
            var used = ((YamlMappingNode)step.Child("with")!).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
            Assert.That(used, Is.SubsetOf(declared), path);
        }
    }

    [Test]
    public void Dockerfile_builds_aot_and_runs_the_binary_as_root_pid_1()
    {
        var lines = RepositoryFiles.Read("Dockerfile").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.That(lines, Has.Some.Match(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0-noble-aot AS build$"));
        Assert.That(lines, Has.Some.Match(@"^FROM mcr\.microsoft\.com/dotnet/runtime-deps:10\.0-noble-chiseled$"));
        Assert.That(lines, Has.Some.EqualTo("USER root"));
        Assert.That(lines[^1], Does.Match("^ENTRYPOINT \\[\"[^\"]+/ambassador-canary\"\\]$"), "exec form: the binary itself is PID 1");
    }

    private static IEnumerable<YamlNode> Descendants(YamlNode node)
    {
        yield return node;
        var children = node switch
        {
            YamlMappingNode m => m.Children.Values,
            YamlSequenceNode s => s.Children,
            _ => [],
        };
        foreach (var child in children.SelectMany(Descendants))
        {
            yield return child;
        }
    }
}
