using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Spec;

/// <summary>Each source alone gives the same spec; precedence is flag, then input, then file, then default.</summary>
[TestFixture]
public sealed class SpecSourcesTests
{
    private const string FullFile = """
        target:
          namespace: shop
          deployment: web
          images:
            web: repo/web:2.0
            sidecar: repo/proxy:1.4
          service: web-svc
        route:
          mapping: web
          prefix: /web/
          host: web.example.com
          dialect: v2
          ambassadorId: [blue, green]
        steps: [5, 10, pause, 25, "pause:10m", 50]
        interval: 30s
        progressDeadline: 5m
        timeout: 1h30m
        promotion: manual
        failureLimit: 2
        failureCounting: consecutive
        onCancel: leave
        lockDuration: 90s
        headerRoute:
          name: pr-123
          header: x-canary
          value: always
        analysis:
          provider: prometheus
          minSuccessRate: 99.5
          maxLatencyP99: 250ms
          minRequests: 50
          noDataLimit: 5
          envoy:
            podSelectors: ["app=ambassador,tier=edge"]
            namespace: ambassador
            adminPort: 9000
          prometheus:
            url: http://127.0.0.1:9090
            token: s3cret
            caFile: /etc/ca.pem
          judge:
            enabled: false
            alpha: 0.05
            minLatencyEffect: 20ms
            promoteEarly: true
        """;

    private const string FullFlags =
        "--namespace shop --deployment web --image web=repo/web:2.0,sidecar=repo/proxy:1.4 --service web-svc " +
        "--mapping web --prefix /web/ --host web.example.com --dialect v2 --ambassador-id blue --ambassador-id green " +
        "--step-weights 5,10,pause,25,pause:10m,50 --interval 30s --progress-deadline 5m --timeout 1h30m --promotion manual " +
        "--failure-limit 2 --failure-counting consecutive --on-cancel leave --lock-duration 90s " +
        "--header-route-name pr-123 --header x-canary --header-value always " +
        "--metrics-provider prometheus --min-success-rate 99.5 --max-latency-p99 250ms --min-requests 50 --no-data-limit 5 " +
        "--envoy-pod-selector app=ambassador,tier=edge --envoy-namespace ambassador --envoy-admin-port 9000 " +
        "--prometheus-url http://127.0.0.1:9090 --prometheus-token s3cret --prometheus-ca-file /etc/ca.pem " +
        "--judge=false --judge-alpha 0.05 --judge-min-latency-effect 20ms --promote-early";

    private static (string, string)[] FullInputs(bool azure) => FullFlags
        .Replace("--judge=false", "--judge false", StringComparison.Ordinal)
        .Replace("--promote-early", "--promote-early true", StringComparison.Ordinal)
        .Replace("--ambassador-id blue --ambassador-id green", "--ambassador-id blue,green", StringComparison.Ordinal)
        .Split("--", StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Trim().Split(' ', 2))
        .Select(p => (Name(p[0], azure), p[1]))
        .ToArray();

    // Hosts see INPUT_* names upper-cased; the lookup must not care.
    private static string Name(string flag, bool azure) => azure ? SpecSetting.CamelCase(flag).ToUpperInvariant() : flag.ToUpperInvariant();

    [Test]
    public void Spec_file_sets_every_setting()
    {
        AssertFull(SpecLoading.Valid(FullFile));
    }

    [Test]
    public void Flags_set_every_setting()
    {
        AssertFull(SpecLoading.Valid(null, FullFlags));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Pipeline_inputs_set_every_setting(bool azure)
    {
        AssertFull(SpecLoading.Valid(null, "", FullInputs(azure)));
    }

    [Test]
    public void Defaults_fill_what_no_source_gives()
    {
        var spec = SpecLoading.Valid(null, SpecLoading.MinimalFlags);

        Assert.That(spec.Target.Namespace, Is.EqualTo("default"));
        Assert.That(spec.Steps, Is.EqualTo(new RolloutStep[] { new WeightStep(10), new WeightStep(25), new WeightStep(50) }));
        Assert.That(spec.Interval, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(spec.Analysis.Provider, Is.EqualTo(MetricsProviderKind.EnvoyStats));
        Assert.That(spec.Analysis.Prometheus, Is.Null);
        Assert.That(spec.HeaderRoute, Is.Null);
        Assert.That(spec.Route.Dialect, Is.EqualTo(MappingDialect.Auto));
    }

    [TestCase("interval: 2m", "", null, 2 * 60)]
    [TestCase("interval: 2m", "--interval 45s", null, 45)]
    [TestCase("interval: 2m", "", "3m", 3 * 60)]
    [TestCase("interval: 2m", "--interval 45s", "3m", 45)]
    [TestCase(null, "", "3m", 3 * 60)]
    [TestCase(null, "", null, 60)]
    public void Flag_beats_input_beats_file_beats_default(string? file, string flag, string? input, int seconds)
    {
        var inputs = input is null ? [] : new[] { ("interval", input) };

        var spec = SpecLoading.Valid(file is null ? null : "target: {deployment: web}\n" + file, $"{SpecLoading.MinimalFlags} {flag}", inputs);

        Assert.That(spec.Interval, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void A_flag_step_weight_replaces_the_files_step_list_as_one_group()
    {
        var spec = SpecLoading.Valid("steps: [5, 50]\n", $"{SpecLoading.MinimalFlags} --step-weight 20 --max-weight 70");

        Assert.That(spec.Steps, Is.EqualTo(new RolloutStep[] { new WeightStep(20), new WeightStep(40), new WeightStep(60), new WeightStep(70) }));
    }

    [TestCase("--step-weight 10", new[] { 10, 20, 30, 40, 50 })]
    [TestCase("--step-weight 25 --max-weight 100", new[] { 25, 50, 75, 100 })]
    [TestCase("--step-weight 60", new[] { 60 })]
    public void Linear_plan_ends_at_max_weight(string flags, int[] weights)
    {
        var spec = SpecLoading.Valid(null, $"{SpecLoading.MinimalFlags} {flags}");

        Assert.That(spec.Steps, Is.EqualTo(weights.Select(w => new WeightStep(w)).ToArray()));
    }

    [Test]
    public void File_only_sections_give_custom_metrics_and_webhooks()
    {
        var spec = SpecLoading.Valid("""
            analysis:
              prometheus: {url: "https://prom.example.com"}
              metrics:
                - name: error-budget
                  query: sum(rate(x{ns="{{ namespace }}"}[{{ interval }}]))
                  max: 0.5
              webhooks:
                - name: smoke
                  kind: pre-rollout
                  url: http://127.0.0.1:8080/smoke
                  timeout: 30s
                  metadata: {suite: quick}
            """, SpecLoading.MinimalFlags);

        Assert.That(spec.Analysis.Metrics.Single(), Is.EqualTo(new CustomMetricSpec { Name = "error-budget", Query = "sum(rate(x{ns=\"{{ namespace }}\"}[{{ interval }}]))", Max = 0.5 }));
        var hook = spec.Analysis.Webhooks.Single();
        Assert.That((hook.Name, hook.Kind, hook.Url.ToString(), hook.Timeout, hook.Retries, hook.Metadata["suite"]),
            Is.EqualTo(("smoke", WebhookKind.PreRollout, "http://127.0.0.1:8080/smoke", TimeSpan.FromSeconds(30), 2, "quick")));
    }

    [Test]
    public void Spec_file_is_read_from_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rollout-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "target:\n  deployment: web\n  images: {web: repo/web:3}\nroute: {prefix: /web/}\n");
        try
        {
            var result = RolloutSpecLoader.Load(SpecSources.FromCommandLine(CommandLine.Parse(["rollout", "--file", path]), []));

            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.Spec!.Target.Images["web"], Is.EqualTo("repo/web:3"));
            Assert.That(result.Spec.Route.Prefix, Is.EqualTo("/web/"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertFull(RolloutSpec spec)
    {
        Assert.That(spec.Target, Is.EqualTo(spec.Target with { Namespace = "shop", Deployment = "web", Service = "web-svc" }));
        Assert.That(spec.Target.Images, Is.EquivalentTo(new Dictionary<string, string> { ["web"] = "repo/web:2.0", ["sidecar"] = "repo/proxy:1.4" }));
        Assert.That((spec.Route.Mapping, spec.Route.Prefix, spec.Route.Host, spec.Route.Dialect), Is.EqualTo(("web", "/web/", "web.example.com", MappingDialect.V2)));
        Assert.That(spec.Route.AmbassadorId, Is.EqualTo(new[] { "blue", "green" }));
        Assert.That(spec.Steps, Is.EqualTo(new RolloutStep[]
        {
            new WeightStep(5), new WeightStep(10), new PauseStep(null), new WeightStep(25), new PauseStep(TimeSpan.FromMinutes(10)), new WeightStep(50),
        }));
        Assert.That((spec.Interval, spec.ProgressDeadline, spec.Timeout, spec.LockDuration),
            Is.EqualTo((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(90), TimeSpan.FromSeconds(90))));
        Assert.That((spec.Promotion, spec.FailureLimit, spec.FailureCounting, spec.OnCancel),
            Is.EqualTo((PromotionMode.Manual, 2, FailureCounting.Consecutive, CancelBehaviour.Leave)));
        Assert.That(spec.HeaderRoute, Is.EqualTo(new HeaderRouteSpec { Name = "pr-123", Header = "x-canary", Value = "always" }));
        var analysis = spec.Analysis;
        Assert.That((analysis.Provider, analysis.MinSuccessRate, analysis.MaxLatencyP99, analysis.MinRequests, analysis.NoDataLimit),
            Is.EqualTo((MetricsProviderKind.Prometheus, 99.5, TimeSpan.FromMilliseconds(250), 50, 5)));
        Assert.That(analysis.Envoy.PodSelectors, Is.EqualTo(new[] { "app=ambassador,tier=edge" }));
        Assert.That((analysis.Envoy.Namespace, analysis.Envoy.AdminPort), Is.EqualTo(("ambassador", 9000)));
        Assert.That(analysis.Prometheus, Is.EqualTo(new PrometheusSpec { Url = new Uri("http://127.0.0.1:9090"), BearerToken = "s3cret", CaFile = "/etc/ca.pem" }));
        Assert.That(analysis.Judge, Is.EqualTo(new JudgeSpec { Enabled = false, Alpha = 0.05, MinLatencyEffect = TimeSpan.FromMilliseconds(20), PromoteEarly = true }));
    }
}
