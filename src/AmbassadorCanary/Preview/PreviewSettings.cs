using AmbassadorCanary.Spec;
using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Preview;

/// <summary>
/// The preview commands' defaults for the rollout settings, added only where flags, inputs and the file give nothing:
/// the route name (pr-&lt;number&gt; in a pull request run), the header x-preview: &lt;name&gt; when neither a header nor a
/// cookie is set, and (cleanup only) a placeholder image, since removing a preview needs none.
/// </summary>
internal static class PreviewSettings
{
    public const string DefaultHeader = "x-preview";
    public const string FallbackName = "preview";
    public const string CleanupImage = "preview-cleanup=unused";

    /// <param name="previewName">The CLI's --preview-name, an alias of header-route-name (which wins when both are given).</param>
    public static IReadOnlyList<CommandLineOption> Defaults(SpecSources sources, int? pullRequest, bool cleanup, string? previewName = null)
    {
        var settings = Resolve(sources);
        var defaults = new List<CommandLineOption>();
        var name = settings.Get<string>(SpecSettings.HeaderRouteName);
        if (!settings.IsGiven(SpecSettings.HeaderRouteName))
        {
            name = previewName ?? (pullRequest is { } number ? $"pr-{number}" : FallbackName);
            defaults.Add(new CommandLineOption(SpecSettings.HeaderRouteName.Flag!, name));
        }

        if (!settings.IsGiven(SpecSettings.HeaderRouteHeader) && !settings.IsGiven(SpecSettings.HeaderRouteCookie))
        {
            defaults.Add(new CommandLineOption(SpecSettings.HeaderRouteHeader.Flag!, DefaultHeader));
            if (!settings.IsGiven(SpecSettings.HeaderRouteValue))
            {
                defaults.Add(new CommandLineOption(SpecSettings.HeaderRouteValue.Flag!, name));
            }
        }

        if (cleanup && !settings.IsGiven(SpecSettings.Images))
        {
            defaults.Add(new CommandLineOption(SpecSettings.Images.Flag!, CleanupImage));
        }

        return defaults;
    }

    /// <summary>What the sources set, read the way the loader reads them; their errors are reported by the real load.</summary>
    private static ResolvedSettings Resolve(SpecSources sources)
    {
        var ignored = new List<SpecError>();
        var raws = new List<RawSetting>();
        var text = sources.FileText;
        if (text is null && sources.FilePath is { } path)
        {
            text = GitHub.PullRequestContext.ReadFileOrNull(path);
        }

        if (text is not null)
        {
            raws.AddRange(FileSettingsReader.Read(Path.GetFileName(sources.FilePath ?? "(spec text)"), text, ignored));
        }

        raws.AddRange(OptionSettingsReader.ReadInputs(sources.Inputs, sources.ExternalOptions, ignored));
        raws.AddRange(OptionSettingsReader.ReadFlags(sources.Flags, sources.ExternalOptions, ignored));
        return SettingsResolver.Resolve(raws, ignored);
    }
}
