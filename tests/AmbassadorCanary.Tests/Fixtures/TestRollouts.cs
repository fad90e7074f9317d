using AmbassadorCanary.Analysis;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Tests.Fixtures;

/// <summary>Small rollout specs and analysis contexts for provider tests: target "web" in "shop", Mapping "web".</summary>
public static class TestRollouts
{
    public static RolloutSpec Spec(AnalysisSpec? analysis = null, TimeSpan? interval = null) => new()
    {
        Target = new TargetSpec
        {
            Namespace = "shop",
            Deployment = "web",
            Images = new Dictionary<string, string> { ["web"] = "example/web:2.0" },
        },
        Route = new RouteSpec { Mapping = "web" },
        Steps = [new WeightStep(10), new WeightStep(50)],
        Interval = interval ?? TimeSpan.FromMinutes(1),
        Analysis = analysis ?? new AnalysisSpec(),
    };

    public static AnalysisContext Context(RolloutSpec spec, DateTimeOffset now, int weight = 10, string canaryStats = "web-canary", string primaryStats = "web") =>
        new(spec, weight, spec.Target.Deployment, spec.Target.Deployment + "-canary", primaryStats, canaryStats, now);
}
