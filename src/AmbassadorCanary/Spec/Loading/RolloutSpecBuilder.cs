namespace AmbassadorCanary.Spec.Loading;

/// <summary>Builds the RolloutSpec from validated settings; what no source gave keeps the record's own default.</summary>
internal static class RolloutSpecBuilder
{
    public const int DefaultMaxWeight = 50;

    public static IReadOnlyList<RolloutStep> DefaultSteps { get; } = [new WeightStep(10), new WeightStep(25), new WeightStep(50)];

    /// <summary>A spec with every default, for rules that compare against defaults.</summary>
    public static RolloutSpec Defaults { get; } = new()
    {
        Target = new TargetSpec { Namespace = "default", Deployment = "", Images = new Dictionary<string, string>() },
        Route = new RouteSpec(),
        Steps = DefaultSteps,
    };

    public static RolloutSpec Build(ResolvedSettings s)
    {
        var defaults = Defaults;
        return new RolloutSpec
        {
            Target = new TargetSpec
            {
                Namespace = s.Get<string>(SpecSettings.Namespace) ?? "default",
                Deployment = s.Get<string>(SpecSettings.Deployment)!,
                Images = s.Get<IReadOnlyDictionary<string, string>>(SpecSettings.Images)!,
                Service = s.Get<string>(SpecSettings.Service),
            },
            Route = new RouteSpec
            {
                Mapping = s.Get<string>(SpecSettings.Mapping),
                Prefix = s.Get<string>(SpecSettings.Prefix),
                Host = s.Get<string>(SpecSettings.Host),
                Dialect = Choice(s, SpecSettings.Dialect, MappingDialect.Auto, v => v switch
                {
                    "v3alpha1" => MappingDialect.V3Alpha1,
                    "v2" => MappingDialect.V2,
                    "v1" => MappingDialect.V1,
                    "annotation" => MappingDialect.Annotation,
                    _ => MappingDialect.Auto,
                }),
                AmbassadorId = s.Get<IReadOnlyList<string>>(SpecSettings.AmbassadorId) ?? [],
            },
            Steps = Steps(s),
            Interval = s.Value<TimeSpan>(SpecSettings.Interval) ?? defaults.Interval,
            ProgressDeadline = s.Value<TimeSpan>(SpecSettings.ProgressDeadline) ?? defaults.ProgressDeadline,
            Timeout = s.Value<TimeSpan>(SpecSettings.Timeout) ?? defaults.Timeout,
            Promotion = Choice(s, SpecSettings.Promotion, defaults.Promotion, v => v == "manual" ? PromotionMode.Manual : PromotionMode.Auto),
            FailureLimit = s.Value<int>(SpecSettings.FailureLimit) ?? defaults.FailureLimit,
            FailureCounting = Choice(s, SpecSettings.FailureCounting, defaults.FailureCounting, v => v == "consecutive" ? FailureCounting.Consecutive : FailureCounting.Total),
            OnCancel = Choice(s, SpecSettings.OnCancel, defaults.OnCancel, v => v == "leave" ? CancelBehaviour.Leave : CancelBehaviour.Rollback),
            LockDuration = s.Value<TimeSpan>(SpecSettings.LockDuration) ?? defaults.LockDuration,
            HeaderRoute = HeaderRoute(s),
            Analysis = AnalysisSpecBuilder.Build(s),
        };
    }

    /// <summary>The step list, or the linear plan stepWeight, 2×stepWeight, ... ending exactly at maxWeight.</summary>
    public static IReadOnlyList<RolloutStep> Steps(ResolvedSettings s)
    {
        if (s.Get<IReadOnlyList<RolloutStep>>(SpecSettings.Steps) is { } steps)
        {
            return steps;
        }

        if (s.Value<int>(SpecSettings.StepWeight) is not { } step)
        {
            return DefaultSteps;
        }

        var max = s.Value<int>(SpecSettings.MaxWeight) ?? Math.Max(DefaultMaxWeight, step);
        var plan = new List<RolloutStep>();
        for (var weight = step; weight < max; weight += step)
        {
            plan.Add(new WeightStep(weight));
        }

        plan.Add(new WeightStep(max));
        return plan;
    }

    public static T Choice<T>(ResolvedSettings s, SpecSetting setting, T fallback, Func<string, T> map) =>
        s.Get<string>(setting) is { } value ? map(value) : fallback;

    private static HeaderRouteSpec? HeaderRoute(ResolvedSettings s)
    {
        var header = s.Get<string>(SpecSettings.HeaderRouteHeader);
        var cookie = s.Get<string>(SpecSettings.HeaderRouteCookie);
        if (header is null && cookie is null)
        {
            return null;
        }

        var route = new HeaderRouteSpec { Header = header, Value = s.Get<string>(SpecSettings.HeaderRouteValue), Cookie = cookie };
        return s.Get<string>(SpecSettings.HeaderRouteName) is { } name ? route with { Name = name } : route;
    }
}
