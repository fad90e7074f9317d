namespace AmbassadorCanary.Spec;

/// <summary>
/// THE settings table. Every rollout setting is one row here; the loader, the hosts' input mapping and docs/spec.md
/// all come from it. Keep docs/spec.md in step (a test compares them).
/// </summary>
public static class SpecSettings
{
    public static readonly SpecSetting Namespace = new() { YamlPath = "target.namespace", Flag = "namespace", Type = SettingType.Text, Default = "default", Meaning = "Namespace of the Deployment, its Service and Mapping (DNS-1123 label)." };
    public static readonly SpecSetting Deployment = new() { YamlPath = "target.deployment", Flag = "deployment", Type = SettingType.Text, Required = true, Meaning = "The Deployment being released (DNS-1123 label, at most 56 characters so that `<name>-canary` fits)." };
    public static readonly SpecSetting Images = new() { YamlPath = "target.images", Flag = "image", Type = SettingType.ImageMap, Required = true, Meaning = "New image per container, `container=image`. Flag repeatable or comma-separated; in the file a map `container: image`." };
    public static readonly SpecSetting Service = new() { YamlPath = "target.service", Flag = "service", Type = SettingType.Text, Default = "the Deployment's name", Meaning = "The primary Service (DNS-1035 label)." };
    public static readonly SpecSetting Mapping = new() { YamlPath = "route.mapping", Flag = "mapping", Type = SettingType.Text, Meaning = "Name of the primary Mapping. Give this or `route.prefix`." };
    public static readonly SpecSetting Prefix = new() { YamlPath = "route.prefix", Flag = "prefix", Type = SettingType.Text, Meaning = "Prefix of the primary Mapping (starts with `/`), used to find it when no name is given." };
    public static readonly SpecSetting Host = new() { YamlPath = "route.host", Flag = "host", Type = SettingType.Text, Meaning = "Host (v1/v2 `host`, v3alpha1 `hostname`) of the primary Mapping, to tell apart Mappings with the same prefix." };
    public static readonly SpecSetting Dialect = new() { YamlPath = "route.dialect", Flag = "dialect", Type = SettingType.Choice, Default = "auto", Allowed = ["auto", "v3alpha1", "v2", "v1", "annotation"], Meaning = "Mapping dialect; `auto` detects it from API discovery." };
    public static readonly SpecSetting AmbassadorId = new() { YamlPath = "route.ambassadorId", Flag = "ambassador-id", Type = SettingType.TextList, Default = "copied from the primary Mapping", Meaning = "`ambassador_id`(s) the generated Mappings carry. Comma-separated or repeated." };
    public static readonly SpecSetting Steps = new() { YamlPath = "steps", Flag = "step-weights", Type = SettingType.StepPlan, Default = "10,25,50", Meaning = "Canary weights in order, strictly increasing, 1..100. An entry may be `pause` (until the next run) or `pause:10m`. Not with `stepWeight`." };
    public static readonly SpecSetting StepWeight = new() { YamlPath = "stepWeight", Flag = "step-weight", Type = SettingType.Integer, Min = 1, Max = 100, Meaning = "Linear plan: raise the weight by this much each step, up to `maxWeight`. Not with `steps`." };
    public static readonly SpecSetting MaxWeight = new() { YamlPath = "maxWeight", Flag = "max-weight", Type = SettingType.Integer, Min = 1, Max = 100, Default = "50", Meaning = "Last weight of the linear plan (with `stepWeight` only)." };
    public static readonly SpecSetting Interval = new() { YamlPath = "interval", Flag = "interval", Type = SettingType.Duration, Default = "1m", Meaning = "How long each step is held and analysed." };
    public static readonly SpecSetting ProgressDeadline = new() { YamlPath = "progressDeadline", Flag = "progress-deadline", Type = SettingType.Duration, Default = "10m", Meaning = "How long the canary (and the primary at promotion) may take to become ready." };
    public static readonly SpecSetting Timeout = new() { YamlPath = "timeout", Flag = "timeout", Type = SettingType.Duration, Default = "1h", Meaning = "Upper bound on the whole rollout; past it the rollout rolls back." };
    public static readonly SpecSetting Promotion = new() { YamlPath = "promotion", Flag = "promotion", Type = SettingType.Choice, Default = "auto", Allowed = ["auto", "manual"], Meaning = "`manual` waits at the last step for the `promote` command." };
    public static readonly SpecSetting FailureLimit = new() { YamlPath = "failureLimit", Flag = "failure-limit", Type = SettingType.Integer, Min = 0, Max = 1000, Default = "3", Meaning = "Failed checks tolerated; one more rolls back." };
    public static readonly SpecSetting FailureCounting = new() { YamlPath = "failureCounting", Flag = "failure-counting", Type = SettingType.Choice, Default = "total", Allowed = ["total", "consecutive"], Meaning = "Count failed checks over the rollout, or only consecutive ones." };
    public static readonly SpecSetting OnCancel = new() { YamlPath = "onCancel", Flag = "on-cancel", Type = SettingType.Choice, Default = "rollback", Allowed = ["rollback", "leave"], Meaning = "What a cancelled run does: set the canary weight to 0, or leave it." };
    public static readonly SpecSetting LockDuration = new() { YamlPath = "lockDuration", Flag = "lock-duration", Type = SettingType.Duration, Default = "2m", Meaning = "Lease duration of the per-target lock; a crashed run blocks others at most this long." };
    public static readonly SpecSetting HeaderRouteName = new() { YamlPath = "headerRoute.name", Flag = "header-route-name", Type = SettingType.Text, Default = "header", Meaning = "Suffix of the header route's Mapping (`web-canary-header`, `web-pr-123`)." };
    public static readonly SpecSetting HeaderRouteHeader = new() { YamlPath = "headerRoute.header", Flag = "header", Type = SettingType.Text, Meaning = "Requests with this header go to the canary at 100 %." };
    public static readonly SpecSetting HeaderRouteValue = new() { YamlPath = "headerRoute.value", Flag = "header-value", Type = SettingType.Text, Meaning = "Value (exact, or a regex) the header must have; any value when empty." };
    public static readonly SpecSetting HeaderRouteCookie = new() { YamlPath = "headerRoute.cookie", Flag = "cookie", Type = SettingType.Text, Meaning = "Cookie `name=value` that sends requests to the canary (instead of a header)." };
    public static readonly SpecSetting Provider = new() { YamlPath = "analysis.provider", Flag = "metrics-provider", Type = SettingType.Choice, Default = "envoy", Allowed = ["envoy", "prometheus", "none"], Meaning = "Where canary metrics come from: Ambassador's Envoy stats, Prometheus, or none (readiness only)." };
    public static readonly SpecSetting MinSuccessRate = new() { YamlPath = "analysis.minSuccessRate", Flag = "min-success-rate", Type = SettingType.Percent, Min = 0, Max = 100, Default = "99", Meaning = "Static floor of the canary's success rate (non-5xx share), percent." };
    public static readonly SpecSetting MaxLatencyP99 = new() { YamlPath = "analysis.maxLatencyP99", Flag = "max-latency-p99", Type = SettingType.Duration, Default = "500ms", Meaning = "Static ceiling of the canary's p99 latency." };
    public static readonly SpecSetting MinRequests = new() { YamlPath = "analysis.minRequests", Flag = "min-requests", Type = SettingType.Integer, Min = 0, Max = 1_000_000_000, Default = "20", Meaning = "Below this many canary requests in a tick the static checks report no data." };
    public static readonly SpecSetting NoDataLimit = new() { YamlPath = "analysis.noDataLimit", Flag = "no-data-limit", Type = SettingType.Integer, Min = 0, Max = 1000, Default = "3", Meaning = "No-data ticks tolerated before each further one counts as a failed check." };
    public static readonly SpecSetting EnvoyPodSelectors = new() { YamlPath = "analysis.envoy.podSelectors", Flag = "envoy-pod-selector", Type = SettingType.TextList, SplitCommas = false, Default = "app.kubernetes.io/name=emissary-ingress; app.kubernetes.io/name=ambassador; service=ambassador", Meaning = "Label selectors of the Ambassador pods, tried in order. Repeat the flag (selectors hold commas)." };
    public static readonly SpecSetting EnvoyNamespace = new() { YamlPath = "analysis.envoy.namespace", Flag = "envoy-namespace", Type = SettingType.Text, Default = "all namespaces", Meaning = "Namespace of the Ambassador pods." };
    public static readonly SpecSetting EnvoyAdminPort = new() { YamlPath = "analysis.envoy.adminPort", Flag = "envoy-admin-port", Type = SettingType.Integer, Min = 1, Max = 65535, Default = "8877", Meaning = "Ambassador's admin port that serves `/metrics`." };
    public static readonly SpecSetting PrometheusUrl = new() { YamlPath = "analysis.prometheus.url", Flag = "prometheus-url", Type = SettingType.Url, Meaning = "Prometheus base URL (http or https). Required with provider `prometheus` and for custom metrics." };
    public static readonly SpecSetting PrometheusToken = new() { YamlPath = "analysis.prometheus.token", Flag = "prometheus-token", Type = SettingType.Text, Secret = true, Meaning = "Bearer token for Prometheus. Not with a username." };
    public static readonly SpecSetting PrometheusUsername = new() { YamlPath = "analysis.prometheus.username", Flag = "prometheus-username", Type = SettingType.Text, Meaning = "Basic-auth user for Prometheus (with a password)." };
    public static readonly SpecSetting PrometheusPassword = new() { YamlPath = "analysis.prometheus.password", Flag = "prometheus-password", Type = SettingType.Text, Secret = true, Meaning = "Basic-auth password for Prometheus." };
    public static readonly SpecSetting PrometheusCaFile = new() { YamlPath = "analysis.prometheus.caFile", Flag = "prometheus-ca-file", Type = SettingType.Text, Meaning = "PEM file of a CA to trust for Prometheus." };
    public static readonly SpecSetting Judge = new() { YamlPath = "analysis.judge.enabled", Flag = "judge", Type = SettingType.Boolean, Default = "true", Meaning = "Compare the canary with the primary by a sequential test, on top of the static thresholds." };
    public static readonly SpecSetting JudgeAlpha = new() { YamlPath = "analysis.judge.alpha", Flag = "judge-alpha", Type = SettingType.Number, Min = 0.0001, Max = 0.5, Default = "0.01", Meaning = "Bound on the judge's false-rollback rate over the whole rollout." };
    public static readonly SpecSetting JudgeMinLatencyEffect = new() { YamlPath = "analysis.judge.minLatencyEffect", Flag = "judge-min-latency-effect", Type = SettingType.Duration, Default = "10ms", Meaning = "Latency shift below which a significant difference is ignored." };
    public static readonly SpecSetting JudgeMinErrorRatio = new() { YamlPath = "analysis.judge.minErrorRatio", Flag = "judge-min-error-ratio", Type = SettingType.Number, Min = 1.01, Max = 100, Default = "1.5", Meaning = "Smallest canary/primary error-rate ratio the judge is tuned to catch (it averages over this ratio to twice it)." };
    public static readonly SpecSetting PromoteEarly = new() { YamlPath = "analysis.judge.promoteEarly", Flag = "promote-early", Type = SettingType.Boolean, Default = "false", Meaning = "Promote before the last step when the judge is confident the canary is no worse." };
    public static readonly SpecSetting CustomMetrics = new() { YamlPath = "analysis.metrics", Type = SettingType.CustomMetrics, Meaning = "File only. PromQL checks: list of `{name, query, min, max}`; the query may use `{{ namespace }}`, `{{ target }}`, `{{ canary }}`, `{{ primary }}`, `{{ interval }}`." };
    public static readonly SpecSetting Webhooks = new() { YamlPath = "analysis.webhooks", Type = SettingType.Webhooks, Meaning = "File only. Webhooks: list of `{name, kind, url, timeout, retries, metadata}`; kind is pre-rollout, step, confirm-promotion, post-rollout or rollback." };

    /// <summary>Every setting, in documentation order.</summary>
    public static IReadOnlyList<SpecSetting> All { get; } =
    [
        Namespace, Deployment, Images, Service,
        Mapping, Prefix, Host, Dialect, AmbassadorId,
        Steps, StepWeight, MaxWeight, Interval, ProgressDeadline, Timeout, Promotion, FailureLimit, FailureCounting, OnCancel, LockDuration,
        HeaderRouteName, HeaderRouteHeader, HeaderRouteValue, HeaderRouteCookie,
        Provider, MinSuccessRate, MaxLatencyP99, MinRequests, NoDataLimit,
        EnvoyPodSelectors, EnvoyNamespace, EnvoyAdminPort,
        PrometheusUrl, PrometheusToken, PrometheusUsername, PrometheusPassword, PrometheusCaFile,
        Judge, JudgeAlpha, JudgeMinLatencyEffect, JudgeMinErrorRatio, PromoteEarly,
        CustomMetrics, Webhooks,
    ];

    /// <summary>Flags that take no value (boolean settings): <c>--promote-early</c> means true.</summary>
    public static IReadOnlyList<string> Switches { get; } = All.Where(s => s.Type == SettingType.Boolean && s.Flag is not null).Select(s => s.Flag!).ToList();

    private static readonly Dictionary<string, SpecSetting> ByFlag = All.Where(s => s.Flag is not null).ToDictionary(s => s.Flag!, StringComparer.Ordinal);

    private static readonly Dictionary<string, SpecSetting> ByInput = All.Where(s => s.Flag is not null)
        .SelectMany(s => new[] { (Name: s.GitHubInput!, Setting: s), (Name: s.AzureInput!, Setting: s) })
        .DistinctBy(p => p.Name.ToLowerInvariant())
        .ToDictionary(p => p.Name, p => p.Setting, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, SpecSetting> ByYamlPath = All.ToDictionary(s => s.YamlPath, StringComparer.Ordinal);

    public static SpecSetting? FindByFlag(string flag) => ByFlag.GetValueOrDefault(flag);

    /// <summary>
    /// A setting by pipeline input name, GitHub (<c>step-weights</c>) or Azure (<c>stepWeights</c>), in any case,
    /// since both hosts upper-case the INPUT_* variable names.
    /// </summary>
    public static SpecSetting? FindByInput(string inputName) => ByInput.GetValueOrDefault(inputName);

    public static SpecSetting? FindByYamlPath(string path) => ByYamlPath.GetValueOrDefault(path);

    /// <summary>
    /// The flag name for a pipeline input name (GitHub or Azure, any case), or null when the input is not a spec setting.
    /// Hosts use this to turn INPUT_* variables into the same options as the CLI flags.
    /// </summary>
    public static string? FlagForInput(string inputName) => FindByInput(inputName)?.Flag;

    /// <summary>Section names of the spec file (target, route, analysis, analysis.prometheus, ...).</summary>
    public static IReadOnlySet<string> Sections { get; } = All
        .SelectMany(s => Prefixes(s.YamlPath))
        .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = path.IndexOf('.', dot + 1))
        {
            yield return path[..dot];
        }
    }
}
