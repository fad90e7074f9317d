using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>Durations that only make sense together: the overall timeout must leave room for a step.</summary>
internal sealed class TimingValidator : ISpecValidator
{
    public void Validate(ResolvedSettings settings, ICollection<SpecError> errors)
    {
        var interval = settings.Value<TimeSpan>(SpecSettings.Interval) ?? RolloutSpecBuilder.Defaults.Interval;
        var timeout = settings.Value<TimeSpan>(SpecSettings.Timeout) ?? RolloutSpecBuilder.Defaults.Timeout;
        if (timeout < interval && (settings.Has(SpecSettings.Timeout) || settings.Has(SpecSettings.Interval)))
        {
            var culprit = settings.Has(SpecSettings.Timeout) ? SpecSettings.Timeout : SpecSettings.Interval;
            errors.Add(settings.OriginOf(culprit).Error(
                $"timeout {DurationText.Format(timeout)} is shorter than one interval {DurationText.Format(interval)}"));
        }
    }
}
