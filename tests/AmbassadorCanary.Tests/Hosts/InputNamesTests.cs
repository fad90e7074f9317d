using AmbassadorCanary.Hosts;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class InputNamesTests
{
    [TestCase("step-weights", "stepWeights")]
    [TestCase("max-latency-p99", "maxLatencyP99")]
    [TestCase("kubeconfig", "kubeconfig")]
    [TestCase("github-token", "githubToken")]
    [TestCase("canary-revision", "canaryRevision")]
    public void Kebab_and_camel_case_convert_both_ways(string kebab, string camel)
    {
        Assert.That(InputNames.ToCamelCase(kebab), Is.EqualTo(camel));
        Assert.That(InputNames.ToKebabCase(camel), Is.EqualTo(kebab));
    }

    [Test]
    public void Every_known_input_round_trips_through_its_azure_name()
    {
        foreach (var input in ActionInputs.All)
        {
            Assert.That(InputNames.ToKebabCase(input.AzureName), Is.EqualTo(input.Name), input.Name);
            Assert.That(input.AzureName, Does.Match("^[A-Za-z][A-Za-z0-9]*$"), input.Name);
        }
    }

    [Test]
    public void Known_input_names_are_unique_kebab_case()
    {
        var names = ActionInputs.All.Select(i => i.Name).ToList();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.All.Match("^[a-z][a-z0-9]*(-[a-z0-9]+)*$"));
        Assert.That(ActionInputs.All.Select(i => i.AzureName.ToUpperInvariant()), Is.Unique, "Azure uppercases names; they must not collide");
    }

    [Test]
    public void Variable_names_follow_each_runner()
    {
        Assert.That(InputNames.GitHubVariable("step-weights"), Is.EqualTo("INPUT_STEP-WEIGHTS"));
        Assert.That(InputNames.AzureVariable("step-weights"), Is.EqualTo("INPUT_STEPWEIGHTS"));
    }

    [Test]
    public void GitHub_host_reads_hyphenated_inputs_as_flag_names()
    {
        var env = new TestHostEnvironment();
        env.Variables["INPUT_STEP-WEIGHTS"] = "10,50";
        env.Variables["INPUT_MAX-LATENCY-P99"] = "300ms";
        env.Variables["INPUT_NAMESPACE"] = "shop";
        env.Variables["INPUT_CONTEXT"] = string.Empty;
        env.Variables["INPUT_STEPWEIGHTS"] = "wrong form";

        var inputs = new GitHubActionsHost(env.Build()).ReadInputs();

        Assert.That(inputs.Values, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["step-weights"] = "10,50",
            ["max-latency-p99"] = "300ms",
            ["namespace"] = "shop",
        }));
    }

    [Test]
    public void Azure_host_reads_uppercased_camel_case_inputs_as_flag_names()
    {
        var env = new TestHostEnvironment();
        env.Variables["INPUT_STEPWEIGHTS"] = "5,25,75";
        env.Variables["INPUT_MAXLATENCYP99"] = "1s";
        env.Variables["INPUT_STEP-WEIGHTS"] = "wrong form";

        var inputs = new AzurePipelinesHost(env.Build()).ReadInputs();

        Assert.That(inputs.Values, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["step-weights"] = "5,25,75",
            ["max-latency-p99"] = "1s",
        }));
    }

    [Test]
    public void Spec_inputs_exclude_the_ones_the_cli_consumes()
    {
        var inputs = new HostInputs(new Dictionary<string, string>
        {
            ["namespace"] = "shop",
            ["command"] = "step",
            ["kubeconfig"] = "apiVersion: v1",
            ["step-weights"] = "10,50",
        });

        Assert.That(inputs.ToSpecInputs(), Is.EqualTo(new[] { new PipelineInput("namespace", "shop"), new PipelineInput("step-weights", "10,50") }));
    }

    [Test]
    public void Every_spec_flag_is_an_input_and_secrets_follow_the_settings_table()
    {
        var flags = SpecSettings.All.Where(s => s.Flag is not null).ToList();

        Assert.That(ActionInputs.All.Where(i => i.Setting is not null).Select(i => i.Name), Is.EqualTo(flags.Select(s => s.Flag)));
        Assert.That(ActionInputs.All.Where(i => i.IsSecret).Select(i => i.Name),
            Is.EquivalentTo(flags.Where(s => s.Secret).Select(s => s.Flag).Append("kubeconfig").Append("github-token")));
        Assert.That(ActionInputs.All.Select(i => i.AzureName), Is.EqualTo(ActionInputs.All.Select(i => i.Setting?.AzureInput ?? InputNames.ToCamelCase(i.Name))));
    }

    [Test]
    public void Local_terminal_has_no_inputs()
    {
        var env = new TestHostEnvironment();
        env.Variables["INPUT_NAMESPACE"] = "shop";

        Assert.That(new LocalTerminalHost(env.Build()).ReadInputs().Values, Is.Empty);
    }
}
