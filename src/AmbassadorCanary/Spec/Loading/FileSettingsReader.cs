using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Spec.Loading;

/// <summary>
/// Reads the spec file through YamlDotNet's representation model (no reflection: AOT-safe). Known YAML paths become
/// raw settings; unknown keys are errors with a "did you mean", every one of them.
/// </summary>
internal sealed class FileSettingsReader
{
    private static readonly IReadOnlyList<string> KnownPaths = SpecSettings.All.Select(s => s.YamlPath).Concat(SpecSettings.Sections).ToList();

    private readonly string _fileName;
    private readonly ICollection<SpecError> _errors;
    private readonly List<RawSetting> _settings = [];

    private FileSettingsReader(string fileName, ICollection<SpecError> errors)
    {
        _fileName = fileName;
        _errors = errors;
    }

    public static IReadOnlyList<RawSetting> Read(string fileName, string text, ICollection<SpecError> errors)
    {
        var reader = new FileSettingsReader(fileName, errors);
        var stream = new YamlStream();
        try
        {
            using var input = new StringReader(text);
            stream.Load(input);
        }
        catch (YamlException e)
        {
            errors.Add(reader.Origin("", e.Start.Line).Error($"not valid YAML: {e.InnerException?.Message ?? e.Message}"));
            return [];
        }

        switch (stream.Documents.Count)
        {
            case 0:
                return [];
            case > 1:
                errors.Add(reader.Origin("", stream.Documents[1].RootNode.Start.Line).Error("holds several YAML documents; give one"));
                return [];
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode map)
        {
            reader.Walk(map, "");
        }
        else if (!IsEmpty(root))
        {
            errors.Add(reader.Origin("", root.Start.Line).Error("must be a map of settings (target, route, steps, ...)"));
        }

        return reader._settings;
    }

    /// <summary>A plain empty or null scalar: the key is present but gives nothing, so it counts as not set.</summary>
    public static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (s.Value is null or "" or "~" or "null");

    private SettingOrigin Origin(string path, long line) => new("file", path, _fileName, (int)line);

    private void Walk(YamlMappingNode map, string prefix)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var origin = Origin(path, keyNode.Start.Line);
            if (SpecSettings.FindByYamlPath(path) is { } setting)
            {
                if (!IsEmpty(value))
                {
                    _settings.Add(RawSetting.FromNode(setting, origin, value));
                }
            }
            else if (SpecSettings.Sections.Contains(path))
            {
                if (value is YamlMappingNode section)
                {
                    Walk(section, path);
                }
                else if (!IsEmpty(value))
                {
                    _errors.Add(origin.Error("must be a map of settings"));
                }
            }
            else
            {
                _errors.Add(origin.Error($"unknown key{NameSuggester.Hint(Suggest(path, key))}"));
            }
        }
    }

    private static string? Suggest(string path, string key)
    {
        // A flag or input name used as a key, or a known key put in the wrong section, is named exactly.
        if (SpecSettings.FindByInput(key) is { } byName)
        {
            return byName.YamlPath;
        }

        var misplaced = SpecSettings.All.Where(s => s.YamlPath.Split('.')[^1].Equals(key, StringComparison.OrdinalIgnoreCase)).ToList();
        return misplaced.Count == 1 ? misplaced[0].YamlPath : NameSuggester.Closest(path, KnownPaths);
    }
}
