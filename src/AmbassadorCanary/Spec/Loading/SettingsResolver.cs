namespace AmbassadorCanary.Spec.Loading;

/// <summary>
/// Picks each setting's value by precedence (flag, input, file; defaults are applied by the builder) and parses it.
/// The step plan is one group: the highest source that sets any of steps, stepWeight or maxWeight decides the whole
/// plan, so <c>--step-weight 10</c> replaces a file's <c>steps</c> list instead of clashing with it.
/// </summary>
internal static class SettingsResolver
{
    private static readonly SpecSetting[] StepGroup = [SpecSettings.Steps, SpecSettings.StepWeight, SpecSettings.MaxWeight];

    public static ResolvedSettings Resolve(IEnumerable<RawSetting> raws, ICollection<SpecError> errors)
    {
        var winners = raws
            .GroupBy(r => r.Setting)
            .Select(g => g.MaxBy(r => r.Origin.Precedence)!)
            .ToList();
        var stepSource = winners.Where(r => StepGroup.Contains(r.Setting)).Select(r => r.Origin.Precedence).DefaultIfEmpty(0).Max();
        winners.RemoveAll(r => StepGroup.Contains(r.Setting) && r.Origin.Precedence < stepSource);

        var resolved = new ResolvedSettings();
        foreach (var raw in winners)
        {
            var value = SettingValueParser.Parse(raw, errors);
            if (value is null)
            {
                resolved.MarkGiven(raw.Setting);
            }
            else
            {
                resolved.Set(raw.Setting, value, raw.Origin);
            }
        }

        return resolved;
    }
}
