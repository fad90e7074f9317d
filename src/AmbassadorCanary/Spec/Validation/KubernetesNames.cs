using System.Text.RegularExpressions;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>The API server's name rules, with its own wording, so bad names fail here and not at the first write.</summary>
internal static partial class KubernetesNames
{
    /// <summary>Namespaces, container names, label-like names.</summary>
    public static string? Dns1123LabelProblem(string name, int maxLength = 63) =>
        name.Length > maxLength ? $"'{name}' is longer than {maxLength} characters"
        : Label().IsMatch(name) ? null
        : $"'{name}' is not a valid name: lower-case letters, digits and '-', starting and ending with a letter or digit";

    /// <summary>Objects such as Mappings: dot-separated DNS-1123 labels, at most 253 characters.</summary>
    public static string? Dns1123SubdomainProblem(string name) =>
        name.Length > 253 ? $"'{name}' is longer than 253 characters"
        : Subdomain().IsMatch(name) ? null
        : $"'{name}' is not a valid name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";

    /// <summary>Services: a DNS-1035 label (starts with a letter).</summary>
    public static string? Dns1035LabelProblem(string name) =>
        name.Length > 63 ? $"'{name}' is longer than 63 characters"
        : Dns1035().IsMatch(name) ? null
        : $"'{name}' is not a valid Service name: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";

    /// <summary>An image reference: [registry[:port]/]repository[:tag][@digest].</summary>
    public static string? ImageProblem(string image) =>
        ImageReference().IsMatch(image) ? null : $"'{image}' is not an image reference like repo/web:2.0 or repo/web@sha256:<digest>";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex(@"^[a-zA-Z0-9]+(?:[._-]+[a-zA-Z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImageReference();
}
