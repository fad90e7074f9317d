using AmbassadorCanary.Spec.Loading;
using AmbassadorCanary.Spec.Validation;

namespace AmbassadorCanary.Spec;

/// <summary>
/// Builds the RolloutSpec from flags, pipeline inputs, the spec file and defaults (in that precedence),
/// and validates it. Every problem is collected before returning; nothing touches a cluster.
/// </summary>
public static class RolloutSpecLoader
{
    public static SpecLoadResult Load(SpecSources sources)
    {
        var errors = new List<SpecError>();
        var raws = new List<RawSetting>();
        if (ReadFile(sources, errors) is { } text)
        {
            raws.AddRange(FileSettingsReader.Read(Path.GetFileName(sources.FilePath ?? "(spec text)"), text, errors));
        }

        raws.AddRange(OptionSettingsReader.ReadInputs(sources.Inputs, sources.ExternalOptions, errors));
        raws.AddRange(OptionSettingsReader.ReadFlags(sources.Flags, sources.ExternalOptions, errors));

        var settings = SettingsResolver.Resolve(raws, errors);
        foreach (var validator in SpecValidators.All)
        {
            validator.Validate(settings, errors);
        }

        return errors.Count == 0
            ? new SpecLoadResult(RolloutSpecBuilder.Build(settings), errors)
            : new SpecLoadResult(null, errors);
    }

    private static string? ReadFile(SpecSources sources, List<SpecError> errors)
    {
        if (sources.FileText is not null || sources.FilePath is null)
        {
            return sources.FileText;
        }

        try
        {
            return File.ReadAllText(sources.FilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add(new SpecError("file", "", $"cannot be read: {e.Message}") { File = sources.FilePath });
            return null;
        }
    }
}
