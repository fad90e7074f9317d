using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Tests.Hosts;

/// <summary>Files of the repository the tests check (action.yml, task.json, examples, docs).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static YamlMappingNode Yaml(string relative)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Read(relative)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Scalar(this YamlMappingNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActionPlugin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (ActionPlugin.sln) not found above " + AppContext.BaseDirectory);
    }
}
