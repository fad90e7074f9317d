using System.Text.RegularExpressions;

namespace AmbassadorCanary.Routing;

/// <summary>
/// A Mapping's `service`: [scheme://]name[.namespace[.svc...]][:port]. Rewriting the name keeps the rest exactly,
/// so https://web.prod:8443 becomes https://web-canary.prod:8443.
/// </summary>
internal sealed partial record ServiceReference(string Scheme, string Name, string Qualifier, string Port, string Rest)
{
    /// <summary>The namespace qualifier (".prod" → "prod"), or null when the name is unqualified.</summary>
    public string? Namespace => Qualifier.Length == 0 ? null : Qualifier[1..].Split('.')[0];

    public static ServiceReference? TryParse(string? service)
    {
        var m = service is null ? null : Pattern().Match(service.Trim());
        if (m is null || !m.Success)
        {
            return null;
        }

        var host = m.Groups["host"].Value;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return new ServiceReference(
            m.Groups["scheme"].Value,
            dot < 0 ? host : host[..dot],
            dot < 0 ? "" : host[dot..],
            m.Groups["port"].Value,
            m.Groups["rest"].Value);
    }

    public ServiceReference WithName(string name) => this with { Name = name };

    public override string ToString() => $"{Scheme}{Name}{Qualifier}{Port}{Rest}";

    [GeneratedRegex("^(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)?(?<host>[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?)(?<port>:[0-9]+)?(?<rest>/.*)?$")]
    private static partial Regex Pattern();
}
