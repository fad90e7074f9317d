namespace AmbassadorCanary.Spec.Loading;

/// <summary>analysis.webhooks: gates and notifications called at points of the rollout.</summary>
internal static class WebhooksParser
{
    private static readonly string[] Keys = ["name", "kind", "url", "timeout", "retries", "metadata"];
    private static readonly string[] Required = ["name", "kind", "url"];

    public static readonly IReadOnlyDictionary<string, WebhookKind> Kinds = new Dictionary<string, WebhookKind>(StringComparer.Ordinal)
    {
        ["pre-rollout"] = WebhookKind.PreRollout,
        ["step"] = WebhookKind.Step,
        ["confirm-promotion"] = WebhookKind.ConfirmPromotion,
        ["post-rollout"] = WebhookKind.PostRollout,
        ["rollback"] = WebhookKind.Rollback,
    };

    public static IReadOnlyList<WebhookSpec>? Parse(RawSetting raw, ICollection<SpecError> errors)
    {
        var before = errors.Count;
        if (YamlRecordList.Read(raw, Keys, Required, errors) is not { } records)
        {
            return null;
        }

        var hooks = new List<WebhookSpec>();
        var names = new List<(string, SettingOrigin)>();
        foreach (var record in records)
        {
            var name = Field(record, "name", SettingType.Text, errors) as string;
            var kindText = Field(record, "kind", SettingType.Text, errors) as string;
            var url = Field(record, "url", SettingType.Url, errors) as Uri;
            var timeout = Field(record, "timeout", SettingType.Duration, errors) as TimeSpan?;
            var retries = record.Node("retries") is { } r ? SettingValueParser.Field(r, SettingType.Integer, record.OriginOf("retries"), errors, 0, 10) as int? : null;
            var metadata = Metadata(record, errors);
            WebhookKind? kind = null;
            if (kindText is not null)
            {
                kind = Kinds.TryGetValue(kindText, out var k) ? k : null;
                if (kind is null)
                {
                    errors.Add(record.OriginOf("kind").Error($"'{kindText}' is not one of: {string.Join(", ", Kinds.Keys)}"));
                }
            }

            if (name is not null && kind is { } known && url is not null)
            {
                names.Add((name, record.OriginOf("name")));
                var hook = new WebhookSpec { Name = name, Kind = known, Url = url, Metadata = metadata ?? new Dictionary<string, string>() };
                hooks.Add(hook with { Timeout = timeout ?? hook.Timeout, Retries = retries ?? hook.Retries });
            }
        }

        YamlRecordList.RequireUniqueNames(names, errors);
        return errors.Count == before ? hooks : null;
    }

    private static object? Field(YamlRecord record, string key, SettingType type, ICollection<SpecError> errors) =>
        record.Node(key) is { } node && !FileSettingsReader.IsEmpty(node)
            ? SettingValueParser.Field(node, type, record.OriginOf(key), errors)
            : null;

    private static Dictionary<string, string>? Metadata(YamlRecord record, ICollection<SpecError> errors)
    {
        if (record.Node("metadata") is not { } node || FileSettingsReader.IsEmpty(node))
        {
            return null;
        }

        if (node is not YamlDotNet.RepresentationModel.YamlMappingNode map)
        {
            errors.Add(record.OriginOf("metadata").Error($"wrong type: expected a map of strings, got a {ValueEntries.Describe(node)}"));
            return null;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? "";
            if (value is YamlDotNet.RepresentationModel.YamlScalarNode scalar)
            {
                metadata[name] = scalar.Value ?? "";
            }
            else
            {
                errors.Add(record.OriginOf("metadata").Child($".{name}").Error($"wrong type: expected a string, got a {ValueEntries.Describe(value)}"));
            }
        }

        return metadata;
    }
}
