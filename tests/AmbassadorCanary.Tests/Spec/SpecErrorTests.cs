using NUnit.Framework;

namespace AmbassadorCanary.Tests.Spec;

/// <summary>Each kind of bad input, from each source, in the words the user sees.</summary>
[TestFixture]
public sealed class SpecErrorTests
{
    [TestCase("target:\n  namespce: shop\n", "file rollout.yaml: target.namespce: unknown key; did you mean 'target.namespace'? (line 2)")]
    [TestCase("namespace: shop\n", "file rollout.yaml: namespace: unknown key; did you mean 'target.namespace'? (line 1)")]
    [TestCase("stepWeights: [5]\n", "file rollout.yaml: stepWeights: unknown key; did you mean 'steps'? (line 1)")]
    [TestCase("analysis:\n  prometheus:\n    ulr: http://p\n", "file rollout.yaml: analysis.prometheus.ulr: unknown key; did you mean 'analysis.prometheus.url'? (line 3)")]
    [TestCase("colour: blue\n", "file rollout.yaml: colour: unknown key (line 1)")]
    [TestCase("interval: 5\n", "file rollout.yaml: interval: '5' is not a duration (e.g. 30s, 1m, 1h30m, 500ms) (line 1)")]
    [TestCase("interval: [1m]\n", "file rollout.yaml: interval: wrong type: expected a single value, got a list (line 1)")]
    [TestCase("failureLimit: lots\n", "file rollout.yaml: failureLimit: 'lots' is not a whole number (line 1)")]
    [TestCase("failureLimit: -1\n", "file rollout.yaml: failureLimit: -1 is outside 0..1000 (line 1)")]
    [TestCase("promotion: later\n", "file rollout.yaml: promotion: 'later' is not one of: auto, manual (line 1)")]
    [TestCase("route:\n  dialect: v3\n", "file rollout.yaml: route.dialect: 'v3' is not one of: auto, v3alpha1, v2, v1, annotation (line 2)")]
    [TestCase("steps: [10, 5]\n", "file rollout.yaml: steps[1]: weight 5 does not increase on the previous weight 10; weights must be strictly increasing (line 1)")]
    [TestCase("steps: [5, 150]\n", "file rollout.yaml: steps[1]: weight 150 is outside 1..100 (line 1)")]
    [TestCase("steps:\n  - 5\n  - pause: soon\n", "file rollout.yaml: steps[1].pause: 'soon' is not a pause duration (e.g. 30s, 1m, 1h30m, 500ms) (line 3)")]
    [TestCase("steps: [pause]\n", "file rollout.yaml: steps: holds only pauses; give at least one weight (line 1)")]
    [TestCase("steps: [5]\nstepWeight: 5\n", "file rollout.yaml: stepWeight: give either a step list (steps) or stepWeight + maxWeight, not both (line 2)")]
    [TestCase("maxWeight: 50\n", "file rollout.yaml: maxWeight: needs stepWeight (--step-weight) as well (line 1)")]
    [TestCase("stepWeight: 60\nmaxWeight: 50\n", "file rollout.yaml: stepWeight: step weight 60 is above max weight 50 (line 1)")]
    [TestCase("target:\n  namespace: Shop_1\n", "file rollout.yaml: target.namespace: 'Shop_1' is not a valid name: lower-case letters, digits and '-', starting and ending with a letter or digit (line 2)")]
    [TestCase("analysis:\n  provider: prometheus\n", "file rollout.yaml: analysis.provider: provider 'prometheus' needs a Prometheus URL (--prometheus-url, 'analysis.prometheus.url') (line 2)")]
    [TestCase("analysis:\n  prometheus:\n    url: ftp://x\n", "file rollout.yaml: analysis.prometheus.url: 'ftp://x' is not an http(s) URL (line 3)")]
    [TestCase("headerRoute:\n  value: always\n", "file rollout.yaml: headerRoute.value: a header route needs a header (--header, 'headerRoute.header') or a cookie (--cookie, 'headerRoute.cookie') (line 2)")]
    [TestCase("headerRoute:\n  cookie: canary\n", "file rollout.yaml: headerRoute.cookie: 'canary' is not name=value, e.g. canary=always (line 2)")]
    [TestCase("timeout: 30s\ninterval: 1m\n", "file rollout.yaml: timeout: timeout 30s is shorter than one interval 1m (line 1)")]
    [TestCase("analysis:\n  judge:\n    enabled: maybe\n", "file rollout.yaml: analysis.judge.enabled: 'maybe' is not true or false (line 3)")]
    [TestCase("analysis:\n  minSuccessRate: 101\n", "file rollout.yaml: analysis.minSuccessRate: 101 is outside 0..100 (line 2)")]
    [TestCase("target: web\n", "file rollout.yaml: target: must be a map of settings (line 1)")]
    [TestCase("- steps\n", "file rollout.yaml: must be a map of settings (target, route, steps, ...) (line 1)")]
    [TestCase("interval: 1m\n---\ninterval: 2m\n", "file rollout.yaml: holds several YAML documents; give one (line 3)")]
    [TestCase("route:\n  prefix: web\n", "file rollout.yaml: route.prefix: 'web' must start with '/' (line 2)")]
    public void File_errors_name_the_key_and_line(string yaml, string expected)
    {
        Assert.That(SpecLoading.Errors(yaml, SpecLoading.MinimalFlags), Is.EqualTo(new[] { expected }));
    }

    [TestCase("--namespce shop", "flag --namespce: unknown flag; did you mean '--namespace'?")]
    [TestCase("--stepWeights 5", "flag --stepWeights: unknown flag; did you mean '--step-weights'?")]
    [TestCase("--kubeconfg x", "flag --kubeconfg: unknown flag; did you mean '--kubeconfig'?")]
    [TestCase("--interval soon", "flag --interval: 'soon' is not a duration (e.g. 30s, 1m, 1h30m, 500ms)")]
    [TestCase("--interval 0s", "flag --interval: must be longer than 0s")]
    [TestCase("--interval", "flag --interval: needs a value")]
    [TestCase("--interval 1m --interval 2m", "flag --interval: given 2 times; give it once")]
    [TestCase("--step-weights 5,10,10", "flag --step-weights: weight 10 does not increase on the previous weight 10; weights must be strictly increasing")]
    [TestCase("--step-weights 5,pause:later", "flag --step-weights: 'later' is not a pause duration (e.g. 30s, 1m, 1h30m, 500ms)")]
    [TestCase("--image sidecar", "flag --image: 'sidecar' is not container=image (e.g. web=repo/web:2.0)")]
    [TestCase("--image Side_car=repo/x:1", "flag --image: container 'Side_car' is not a valid name: lower-case letters, digits and '-', starting and ending with a letter or digit")]
    [TestCase("--image side=repo/x:1,side=repo/y:2", "flag --image: container 'side' is given 2 times")]
    [TestCase("--image side=Repo/X:1", "flag --image: 'Repo/X:1' is not an image reference like repo/web:2.0 or repo/web@sha256:<digest>")]
    [TestCase("--metrics-provider datadog", "flag --metrics-provider: 'datadog' is not one of: envoy, prometheus, none")]
    [TestCase("--prometheus-token t", "flag --prometheus-token: has no Prometheus to go with; give --prometheus-url ('analysis.prometheus.url')")]
    [TestCase("--prometheus-url http://p:9090 --prometheus-username u", "flag --prometheus-username: a Prometheus username and password go together; give both")]
    [TestCase("--header x-canary --cookie canary=always", "flag --cookie: give a header or a cookie for the header route, not both")]
    [TestCase("--judge-alpha 0.9", "flag --judge-alpha: 0.9 is outside 0.0001..0.5")]
    [TestCase("--host https://web.example.com", "flag --host: 'https://web.example.com' is not a host name (no scheme, no spaces), e.g. web.example.com")]
    public void Flag_errors_name_the_flag(string flags, string expected)
    {
        Assert.That(SpecLoading.Errors(null, $"{SpecLoading.MinimalFlags} {flags}"), Is.EqualTo(new[] { expected }));
    }

    [TestCase("step-weights", "5,1", "input step-weights: weight 1 does not increase on the previous weight 5; weights must be strictly increasing")]
    [TestCase("stepWeights", "5,1", "input stepWeights: weight 1 does not increase on the previous weight 5; weights must be strictly increasing")]
    [TestCase("INTERVAL", "fast", "input INTERVAL: 'fast' is not a duration (e.g. 30s, 1m, 1h30m, 500ms)")]
    [TestCase("max-wieght", "5", "input max-wieght: unknown input; did you mean 'max-weight'?")]
    [TestCase("failureLimt", "5", "input failureLimt: unknown input; did you mean 'failureLimit'?")]
    public void Input_errors_name_the_input(string name, string value, string expected)
    {
        Assert.That(SpecLoading.Errors(null, SpecLoading.MinimalFlags, (name, value)), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Missing_required_settings_say_how_to_give_them()
    {
        Assert.That(SpecLoading.Errors(null, ""), Is.EqualTo(new[]
        {
            "target.deployment: the Deployment to release is required; give --deployment, input deployment / deployment, or 'target.deployment' in the spec file",
            "target.images: at least one container=image is required; give --image, input image / image, or 'target.images' in the spec file",
            "route.mapping: a route is required: give the primary Mapping's name (--mapping, 'route.mapping') or its prefix (--prefix, 'route.prefix')",
        }));
    }

    [Test]
    public void A_bad_value_is_not_also_reported_as_missing()
    {
        Assert.That(SpecLoading.Errors(null, "--deployment Web --image web=repo/web:2 --prefix /"), Is.EqualTo(new[]
        {
            "flag --deployment: 'Web' is not a valid name: lower-case letters, digits and '-', starting and ending with a letter or digit",
        }));
    }

    [Test]
    public void Too_long_a_deployment_leaves_no_room_for_the_canary_suffix()
    {
        var name = new string('a', 57);

        Assert.That(SpecLoading.Errors(null, $"--deployment {name} --image web=repo/web:2 --prefix /"), Is.EqualTo(new[]
        {
            $"flag --deployment: '{name}' is longer than 56 characters (the canary adds '-canary')",
        }));
    }

    [Test]
    public void File_that_is_not_yaml_is_one_error_with_its_line()
    {
        var errors = SpecLoading.Errors("target:\n  deployment: [web\n", SpecLoading.MinimalFlags);

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("file rollout.yaml: not valid YAML:").And.EndWith("(line 3)"));
    }

    [Test]
    public void Custom_metric_and_webhook_problems_are_named_by_path()
    {
        var errors = SpecLoading.Errors("""
            analysis:
              prometheus: {url: "http://127.0.0.1:9090"}
              metrics:
                - name: errors
                  qurey: up
                  max: 1
                - name: errors
                  query: up
              webhooks:
                - name: gate
                  kind: before
                  url: http://127.0.0.1:1/
                  retries: 50
            """, SpecLoading.MinimalFlags);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "file rollout.yaml: analysis.metrics[0].qurey: unknown key; did you mean 'query'? (line 5)",
            "file rollout.yaml: analysis.metrics[0].query: required (line 4)",
            "file rollout.yaml: analysis.metrics[1]: give min, max or both (line 7)",
            "file rollout.yaml: analysis.webhooks[0].retries: 50 is outside 0..10 (line 13)",
            "file rollout.yaml: analysis.webhooks[0].kind: 'before' is not one of: pre-rollout, step, confirm-promotion, post-rollout, rollback (line 11)",
        }));
    }

    [Test]
    public void Missing_spec_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.yaml");

        var result = AmbassadorCanary.Spec.RolloutSpecLoader.Load(new AmbassadorCanary.Spec.SpecSources { FilePath = path });

        Assert.That(result.Errors.Select(e => e.ToString()), Has.Some.StartsWith($"file {path}: cannot be read:"));
    }
}
