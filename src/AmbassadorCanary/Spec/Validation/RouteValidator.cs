using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>How the primary Mapping is found: by name, or by prefix (and host).</summary>
internal sealed class RouteValidator : ISpecValidator
{
    public void Validate(ResolvedSettings settings, ICollection<SpecError> errors)
    {
        var mapping = settings.Get<string>(SpecSettings.Mapping);
        var prefix = settings.Get<string>(SpecSettings.Prefix);
        if (!settings.IsGiven(SpecSettings.Mapping) && !settings.IsGiven(SpecSettings.Prefix))
        {
            errors.Add(SettingOrigin.Missing(SpecSettings.Mapping).Error(
                "a route is required: give the primary Mapping's name (--mapping, 'route.mapping') or its prefix (--prefix, 'route.prefix')"));
        }

        if (mapping is not null && KubernetesNames.Dns1123SubdomainProblem(mapping) is { } problem)
        {
            errors.Add(settings.OriginOf(SpecSettings.Mapping).Error(problem));
        }

        if (prefix is not null && !prefix.StartsWith('/'))
        {
            errors.Add(settings.OriginOf(SpecSettings.Prefix).Error($"'{prefix}' must start with '/'"));
        }

        if (settings.Get<string>(SpecSettings.Host) is { } host && (host.Contains("://", StringComparison.Ordinal) || host.Any(char.IsWhiteSpace)))
        {
            errors.Add(settings.OriginOf(SpecSettings.Host).Error($"'{host}' is not a host name (no scheme, no spaces), e.g. web.example.com"));
        }
    }
}
