namespace AmbassadorCanary.Spec.Validation;

/// <summary>Every validator, one per concern, all run on every load.</summary>
internal static class SpecValidators
{
    public static IReadOnlyList<ISpecValidator> All { get; } =
    [
        new TargetValidator(),
        new RouteValidator(),
        new StepPlanValidator(),
        new TimingValidator(),
        new HeaderRouteValidator(),
        new AnalysisValidator(),
    ];
}
