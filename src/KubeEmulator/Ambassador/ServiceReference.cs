namespace KubeEmulator.Ambassador;

/// <summary>
/// A Mapping's `service`: "name", "name.namespace", "name.namespace.svc.cluster.local", each with an optional
/// ":port" and "http://" or "https://" scheme. Without a namespace the Mapping's own namespace applies.
/// </summary>
internal sealed record ServiceReference(string Name, string Namespace, int? Port)
{
    public static ServiceReference Parse(string service, string defaultNamespace)
    {
        var rest = service.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        rest = rest.TrimEnd('/');
        int? port = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0 && int.TryParse(rest[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var p))
        {
            port = p;
            rest = rest[..colon];
        }

        var parts = rest.Split('.');
        return new ServiceReference(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : defaultNamespace, port);
    }
}
