using System.Text.Json.Nodes;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Sandbox;
using AmbassadorCanary.Tests.Routing;
using KubeEmulator;
using KubeEmulator.Schema;
using KubeEmulator.Store;
using KubeEmulator.Time;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Cli;

/// <summary>The cluster commands through the CLI, against the sandbox's demo cluster served by the emulator.</summary>
public sealed class ClusterCommandTests
{
    private SimulatedCluster _cluster = null!;
    private string _kubeconfig = null!;

    [SetUp]
    public async Task StartCluster()
    {
        var clock = new VirtualClock();
        _cluster = await SimulatedCluster.StartAsync(
            SandboxCommand.ClusterOptions(SandboxScenario.All[0], AmbassadorCrdSet.Emissary3, clock, TimeSpan.FromSeconds(5)), CancellationToken.None);
        SandboxWorld.Seed(_cluster.Store, "getambassador.io/v2");
        clock.Advance(TimeSpan.FromSeconds(10));
        _kubeconfig = Path.GetTempFileName();
        await File.WriteAllTextAsync(_kubeconfig, _cluster.Api.KubeconfigYaml());
    }

    [TearDown]
    public async Task StopCluster()
    {
        await _cluster.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    [Test]
    public async Task Bad_input_reports_every_problem_exits_2_and_never_calls_the_cluster()
    {
        var (code, env) = await CliRun.RunAsync(
            ["rollout", "--kubeconfig", _kubeconfig, "--namespace", "demo", "--deployment", "web", "--image", "web=ghcr.io/example/web:2.0.0",
             "--step-weights", "50,10", "--intervl", "1m", "--promotion", "sometimes"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--intervl").And.Contain("did you mean '--interval'"));
        Assert.That(output, Does.Contain("--step-weights"));
        Assert.That(output, Does.Contain("sometimes"));
        Assert.That(output, Does.Contain("route.mapping").Or.Contain("--mapping"), "a route is required");
        Assert.That(_cluster.Api.Requests.All, Is.Empty, "bad input must not reach the cluster");
    }

    [Test]
    public async Task Secrets_given_as_flags_are_masked_even_where_another_setting_quotes_them()
    {
        const string token = "prom-Tok3n-never-shown";
        var (code, env) = await CliRun.RunAsync(
            ["rollout", "--kubeconfig", _kubeconfig, "--namespace", "demo", "--deployment", "web", "--image", "web=ghcr.io/example/web:2.0.0",
             "--mapping", "web", "--prometheus-token", token, "--interval", token]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--interval").Or.Contain("interval"));
        Assert.That(output, Does.Not.Contain(token));
        Assert.That(_cluster.Api.Requests.All, Is.Empty, "bad input must not reach the cluster");
    }

    [Test]
    public async Task An_unreadable_Prometheus_CA_file_is_bad_input_and_never_calls_the_cluster()
    {
        var caFile = Path.Combine(Path.GetTempPath(), $"absent-ca-{Guid.NewGuid():N}.pem");
        var (code, env) = await CliRun.RunAsync(
            ["rollout", "--kubeconfig", _kubeconfig, "--namespace", "demo", "--deployment", "web", "--image", "web=ghcr.io/example/web:2.0.0",
             "--mapping", "web", "--metrics-provider", "prometheus", "--prometheus-url", "https://127.0.0.1:9/", "--prometheus-ca-file", caFile]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain($"Prometheus CA file {caFile}: cannot read it"));
        Assert.That(_cluster.Api.Requests.All, Is.Empty, "bad input must not reach the cluster");
    }

    [Test]
    public async Task An_unknown_output_format_is_bad_input_reported_with_the_other_problems()
    {
        var (code, env) = await CliRun.RunAsync(
            ["status", "--kubeconfig", _kubeconfig, "--namespace", "demo", "--deployment", "web", "--image", "web=ghcr.io/example/web:2.0.0",
             "--mapping", "web", "--output", "yaml", "--interval", "soon"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--output 'yaml': unknown; expected table or json"));
        Assert.That(output, Does.Contain("'soon' is not a duration"));
        Assert.That(_cluster.Api.Requests.All, Is.Empty, "bad input must not reach the cluster");
    }

    [Test]
    public async Task Unknown_command_is_bad_input_with_a_suggestion()
    {
        var (code, env) = await CliRun.RunAsync(["rolout"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(env.Stdout.ToString(), Does.Contain("did you mean 'rollout'"));
    }

    [TestCase("v1")]
    [TestCase("v2")]
    [TestCase("v3alpha1")]
    public async Task Plan_prints_objects_that_validate_against_the_real_crds_and_changes_nothing(string dialect)
    {
        var (code, env) = await CliRun.RunAsync(
            ["plan", "--kubeconfig", _kubeconfig, "--namespace", "demo", "--deployment", "web", "--image", "web=ghcr.io/example/web:2.0.0",
             "--mapping", "web", "--dialect", dialect]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(_cluster.Api.Requests.All.Where(r => r.Verb is not ("get" or "list")), Is.Empty, "plan only reads");

        var documents = ReadYamlDocuments(output);
        var mappings = documents.SelectMany(d => RouterPlanGoldenTests.Mappings(d, "demo")).ToList();
        Assert.That(mappings.Select(m => (string?)m["apiVersion"]), Has.Some.EqualTo($"getambassador.io/{dialect}"));
        Assert.That(documents.Select(d => (string?)d["kind"]), Is.SupersetOf(new[] { "Deployment", "Service", "Mapping" }));
        foreach (var mapping in mappings)
        {
            GoldenFiles.AssertValidMapping(mapping);
        }
    }

    [Test]
    public async Task Plan_in_the_annotation_dialect_validates_too()
    {
        _cluster.Store.Update(ResourceType.Services, "demo", "web", service =>
        {
            service["metadata"]!.AsObject()["annotations"] = new JsonObject
            {
                [MappingDialects.AnnotationKey] = "---\napiVersion: ambassador/v1\nkind: Mapping\nname: web\nprefix: /web/\nservice: web.demo:80\n",
            };
            return service;
        });
        var (code, env) = await CliRun.RunAsync(
            ["plan", "--kubeconfig", _kubeconfig, "--namespace", "demo", "--deployment", "web", "--image", "web=ghcr.io/example/web:2.0.0",
             "--mapping", "web", "--dialect", "annotation"]);
        var output = env.Stdout.ToString();
        Assert.That(code, Is.EqualTo(0), output);
        var mappings = ReadYamlDocuments(output).SelectMany(d => RouterPlanGoldenTests.Mappings(d, "demo")).ToList();
        Assert.That(mappings, Is.Not.Empty);
        foreach (var mapping in mappings)
        {
            GoldenFiles.AssertValidMapping(mapping);
        }
    }

    [Test]
    public async Task Step_makes_one_transition_and_status_reports_it_as_json()
    {
        var args = new[] { "--kubeconfig", _kubeconfig, "--namespace", "demo", "--deployment", "web", "--image", "web=ghcr.io/example/web:2.0.0", "--mapping", "web" };
        var (stepCode, stepEnv) = await CliRun.RunAsync(["step", .. args]);
        Assert.That(stepCode, Is.EqualTo(0), stepEnv.Stdout.ToString());

        var (code, env) = await CliRun.RunAsync(["status", "--output", "json", .. args]);
        Assert.That(code, Is.EqualTo(0), env.Stdout.ToString());
        var json = JsonNode.Parse(env.Stdout.ToString()[env.Stdout.ToString().IndexOf('{', StringComparison.Ordinal)..])!;
        Assert.That((string?)json["phase"], Is.EqualTo("CanaryDeploying"));
        Assert.That((int?)json["weight"], Is.EqualTo(0));
        Assert.That(json["history"]!.AsArray(), Has.Count.EqualTo(1));
    }

    private static List<JsonObject> ReadYamlDocuments(string output)
    {
        var yaml = string.Join('\n', output.Split('\n').SkipWhile(l => !l.StartsWith("---", StringComparison.Ordinal)));
        using var reader = new StringReader(yaml);
        return YamlJsonConverter.ReadDocuments(reader).OfType<JsonObject>().ToList();
    }
}
