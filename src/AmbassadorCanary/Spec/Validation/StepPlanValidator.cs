using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>The step plan as a whole: a list or a linear plan, never both, and at least one weight.</summary>
internal sealed class StepPlanValidator : ISpecValidator
{
    public void Validate(ResolvedSettings settings, ICollection<SpecError> errors)
    {
        if (settings.IsGiven(SpecSettings.Steps) && settings.IsGiven(SpecSettings.StepWeight))
        {
            errors.Add(settings.OriginOf(SpecSettings.StepWeight).Error(
                $"give either a step list ({Name(settings, SpecSettings.Steps)}) or stepWeight + maxWeight, not both"));
        }

        if (settings.IsGiven(SpecSettings.MaxWeight) && !settings.IsGiven(SpecSettings.StepWeight))
        {
            errors.Add(settings.OriginOf(SpecSettings.MaxWeight).Error("needs stepWeight (--step-weight) as well"));
        }

        if (settings.Value<int>(SpecSettings.StepWeight) is { } step && settings.Value<int>(SpecSettings.MaxWeight) is { } max && step > max)
        {
            errors.Add(settings.OriginOf(SpecSettings.StepWeight).Error($"step weight {step} is above max weight {max}"));
        }

        if (settings.Get<IReadOnlyList<RolloutStep>>(SpecSettings.Steps) is { } steps && !steps.OfType<WeightStep>().Any())
        {
            errors.Add(settings.OriginOf(SpecSettings.Steps).Error("holds only pauses; give at least one weight"));
        }
    }

    private static string Name(ResolvedSettings settings, SpecSetting setting) => settings.OriginOf(setting).Field;
}
