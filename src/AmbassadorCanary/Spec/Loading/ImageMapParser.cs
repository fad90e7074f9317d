using AmbassadorCanary.Spec.Validation;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>container=image pairs from flags (repeatable, comma-separated), or a YAML map container: image.</summary>
internal static class ImageMapParser
{
    public static IReadOnlyDictionary<string, string>? Parse(RawSetting raw, ICollection<SpecError> errors)
    {
        var pairs = new List<(string Container, string Image, SettingOrigin Origin)>();
        var before = errors.Count;
        if (raw.Node is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                var container = (key as YamlScalarNode)?.Value ?? "";
                var origin = raw.Origin.Child($".{container}", (int)key.Start.Line);
                if (value is YamlScalarNode image)
                {
                    pairs.Add((container, (image.Value ?? "").Trim(), origin));
                }
                else
                {
                    errors.Add(origin.Error($"wrong type: expected an image, got a {ValueEntries.Describe(value)}"));
                }
            }
        }
        else if (ValueEntries.List(raw, errors) is { } entries)
        {
            foreach (var entry in entries)
            {
                var equals = entry.Text.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    errors.Add(entry.Origin.Error($"'{entry.Text}' is not container=image (e.g. web=repo/web:2.0)"));
                    continue;
                }

                pairs.Add((entry.Text[..equals].Trim(), entry.Text[(equals + 1)..].Trim(), entry.Origin));
            }
        }

        foreach (var (container, image, origin) in pairs)
        {
            if (KubernetesNames.Dns1123LabelProblem(container) is { } nameProblem)
            {
                errors.Add(origin.Error($"container {nameProblem}"));
            }

            if (KubernetesNames.ImageProblem(image) is { } imageProblem)
            {
                errors.Add(origin.Error(imageProblem));
            }
        }

        foreach (var duplicate in pairs.GroupBy(p => p.Container).Where(g => g.Count() > 1))
        {
            errors.Add(duplicate.Last().Origin.Error($"container '{duplicate.Key}' is given {duplicate.Count()} times"));
        }

        return errors.Count == before ? pairs.ToDictionary(p => p.Container, p => p.Image, StringComparer.Ordinal) : null;
    }
}
