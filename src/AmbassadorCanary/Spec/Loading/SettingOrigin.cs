namespace AmbassadorCanary.Spec.Loading;

/// <summary>Where a value came from, so that an error can name it as the user wrote it.</summary>
internal sealed record SettingOrigin(string Source, string Field, string? File = null, int? Line = null)
{
    /// <summary>Rank in the precedence order: flag over input over file.</summary>
    public int Precedence => Source switch
    {
        "flag" => 3,
        "input" => 2,
        "file" => 1,
        _ => 0,
    };

    public static SettingOrigin Flag(string name) => new("flag", $"--{name}");

    public static SettingOrigin Input(string name) => new("input", name);

    public static SettingOrigin Missing(SpecSetting setting) => new("spec", setting.YamlPath);

    /// <summary>The same origin for a part of the value (a list entry, a nested key).</summary>
    public SettingOrigin Child(string suffix, int? line = null) =>
        Source == "file" ? this with { Field = Field + suffix, Line = line ?? Line } : this;

    public SpecError Error(string message) => new(Source, Field, message) { File = File, Line = Line };
}
