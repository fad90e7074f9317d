using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Hosts;

/// <summary>
/// What the tool needs to know about a kubeconfig before anything is logged: its secret values (to mask)
/// and its contexts (to check the chosen one). Parsed with the YAML representation model, which is AOT-safe.
/// </summary>
internal sealed record KubeconfigDocument(IReadOnlyList<string> Secrets, IReadOnlyList<string> Contexts, string? CurrentContext)
{
    /// <summary>Keys whose scalar values are credentials, wherever they sit (users[].user, auth-provider.config, …).</summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal)
    {
        "token", "client-key-data", "client-certificate-data", "password",
        "access-token", "refresh-token", "id-token", "client-secret", "secret",
    };

    /// <exception cref="FormatException">Not YAML/JSON, or not a mapping. The message quotes no content.</exception>
    public static KubeconfigDocument Parse(string content)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(content));
        }
        catch (YamlException e)
        {
            throw new FormatException($"kubeconfig: not valid YAML at line {e.Start.Line}, column {e.Start.Column}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException("kubeconfig: expected a mapping with clusters, users and contexts");
        }

        var secrets = new List<string>();
        CollectSecrets(root, secrets);
        var contexts = new List<string>();
        if (Child(root, "contexts") is YamlSequenceNode list)
        {
            contexts.AddRange(list.OfType<YamlMappingNode>().Select(c => Scalar(c, "name")).OfType<string>());
        }

        return new KubeconfigDocument(secrets.Distinct(StringComparer.Ordinal).ToList(), contexts, Scalar(root, "current-context"));
    }

    private static void CollectSecrets(YamlNode node, List<string> secrets)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value;
                    if (name is not null && SecretKeys.Contains(name) && value is YamlScalarNode { Value: { Length: > 0 } secret })
                    {
                        secrets.Add(secret);
                        if (name == "client-key-data")
                        {
                            secrets.AddRange(DecodedKeyLines(secret));
                        }
                    }
                    else if (name == "env" && value is YamlSequenceNode env)
                    {
                        // exec plugin environment: values are typically credentials.
                        secrets.AddRange(env.OfType<YamlMappingNode>().Select(e => Scalar(e, "value")).OfType<string>().Where(v => v.Length > 0));
                    }
                    else
                    {
                        CollectSecrets(value, secrets);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    CollectSecrets(item, secrets);
                }

                break;
        }
    }

    /// <summary>The body lines of the PEM key inside client-key-data, so the key is masked even if decoded.</summary>
    private static IEnumerable<string> DecodedKeyLines(string base64)
    {
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out var written))
        {
            return [];
        }

        return Encoding.UTF8.GetString(bytes, 0, written)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("-----", StringComparison.Ordinal) && line.Length >= 16);
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode mapping, string key) => (Child(mapping, key) as YamlScalarNode)?.Value;
}
