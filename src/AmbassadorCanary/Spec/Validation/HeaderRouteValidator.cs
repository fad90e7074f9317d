using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>The optional header/cookie route: a header or a cookie (one of them), a valid Mapping suffix.</summary>
internal sealed class HeaderRouteValidator : ISpecValidator
{
    public void Validate(ResolvedSettings settings, ICollection<SpecError> errors)
    {
        var header = settings.IsGiven(SpecSettings.HeaderRouteHeader);
        var cookie = settings.IsGiven(SpecSettings.HeaderRouteCookie);
        var any = header || cookie || settings.IsGiven(SpecSettings.HeaderRouteName) || settings.IsGiven(SpecSettings.HeaderRouteValue);
        if (any && !header && !cookie)
        {
            var given = settings.IsGiven(SpecSettings.HeaderRouteValue) ? SpecSettings.HeaderRouteValue : SpecSettings.HeaderRouteName;
            errors.Add(settings.OriginOf(given).Error("a header route needs a header (--header, 'headerRoute.header') or a cookie (--cookie, 'headerRoute.cookie')"));
        }

        if (header && cookie)
        {
            errors.Add(settings.OriginOf(SpecSettings.HeaderRouteCookie).Error("give a header or a cookie for the header route, not both"));
        }

        if (cookie && settings.IsGiven(SpecSettings.HeaderRouteValue))
        {
            errors.Add(settings.OriginOf(SpecSettings.HeaderRouteValue).Error("goes with a header, not a cookie; put the value in the cookie as name=value"));
        }

        if (settings.Get<string>(SpecSettings.HeaderRouteCookie) is { } text && !IsCookie(text))
        {
            errors.Add(settings.OriginOf(SpecSettings.HeaderRouteCookie).Error($"'{text}' is not name=value, e.g. canary=always"));
        }

        if (settings.Get<string>(SpecSettings.HeaderRouteHeader) is { } name && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(settings.OriginOf(SpecSettings.HeaderRouteHeader).Error($"'{name}' is not a header name (letters, digits, '-', '_')"));
        }

        if (settings.Get<string>(SpecSettings.HeaderRouteName) is { } suffix && KubernetesNames.Dns1123LabelProblem(suffix) is { } problem)
        {
            errors.Add(settings.OriginOf(SpecSettings.HeaderRouteName).Error(problem));
        }
    }

    private static bool IsCookie(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && equals < text.Length - 1 && !text.Any(c => char.IsWhiteSpace(c) || c == ';');
    }
}
