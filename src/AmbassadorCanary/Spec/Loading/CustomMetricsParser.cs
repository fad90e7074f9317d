using AmbassadorCanary.Spec.Validation;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>analysis.metrics: PromQL checks, each with a floor, a ceiling or both.</summary>
internal static class CustomMetricsParser
{
    private static readonly string[] Keys = ["name", "query", "min", "max"];
    private static readonly string[] Required = ["name", "query"];

    public static IReadOnlyList<CustomMetricSpec>? Parse(RawSetting raw, ICollection<SpecError> errors)
    {
        var before = errors.Count;
        if (YamlRecordList.Read(raw, Keys, Required, errors) is not { } records)
        {
            return null;
        }

        var metrics = new List<CustomMetricSpec>();
        var names = new List<(string, SettingOrigin)>();
        foreach (var record in records)
        {
            var name = Text(record, "name", errors);
            var query = Text(record, "query", errors);
            var min = Bound(record, "min", errors);
            var max = Bound(record, "max", errors);
            if (record.Node("min") is null && record.Node("max") is null)
            {
                errors.Add(record.Origin.Error("give min, max or both"));
            }
            else if (min is { } floor && max is { } ceiling && floor > ceiling)
            {
                errors.Add(record.OriginOf("min").Error($"min {floor} is above max {ceiling}"));
            }

            if (name is not null && KubernetesNames.Dns1123LabelProblem(name) is { } problem)
            {
                errors.Add(record.OriginOf("name").Error(problem));
            }

            if (name is not null && query is not null)
            {
                names.Add((name, record.OriginOf("name")));
                metrics.Add(new CustomMetricSpec { Name = name, Query = query, Min = min, Max = max });
            }
        }

        YamlRecordList.RequireUniqueNames(names, errors);
        return errors.Count == before ? metrics : null;
    }

    private static string? Text(YamlRecord record, string key, ICollection<SpecError> errors) =>
        record.Node(key) is { } node && !FileSettingsReader.IsEmpty(node)
            ? SettingValueParser.Field(node, SettingType.Text, record.OriginOf(key), errors) as string
            : null;

    private static double? Bound(YamlRecord record, string key, ICollection<SpecError> errors) =>
        record.Node(key) is { } node ? SettingValueParser.Field(node, SettingType.Number, record.OriginOf(key), errors) as double? : null;
}
