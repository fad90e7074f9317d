namespace AmbassadorCanary.Spec.Loading;

/// <summary>
/// The winning value of each setting after precedence, typed, with where it came from.
/// Settings that were given but failed to parse are remembered, so that no "missing" error is added on top.
/// </summary>
internal sealed class ResolvedSettings
{
    private readonly Dictionary<SpecSetting, (object Value, SettingOrigin Origin)> _values = [];
    private readonly HashSet<SpecSetting> _given = [];

    public void Set(SpecSetting setting, object value, SettingOrigin origin)
    {
        _values[setting] = (value, origin);
        _given.Add(setting);
    }

    public void MarkGiven(SpecSetting setting) => _given.Add(setting);

    /// <summary>Given by some source, whether or not its value parsed.</summary>
    public bool IsGiven(SpecSetting setting) => _given.Contains(setting);

    public bool Has(SpecSetting setting) => _values.ContainsKey(setting);

    public T? Get<T>(SpecSetting setting) where T : class =>
        _values.TryGetValue(setting, out var v) ? (T)v.Value : null;

    public T? Value<T>(SpecSetting setting) where T : struct =>
        _values.TryGetValue(setting, out var v) ? (T)v.Value : null;

    /// <summary>Where the value came from, or the setting's own name when it was not given.</summary>
    public SettingOrigin OriginOf(SpecSetting setting) =>
        _values.TryGetValue(setting, out var v) ? v.Origin : SettingOrigin.Missing(setting);
}
