using System.Text.RegularExpressions;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Preview;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Lifecycle;
using KubeEmulator;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Tests.Preview;

/// <summary>docs/preview.md's Role is exactly what preview, a re-run and preview-cleanup use, per the emulator's request log.</summary>
public sealed partial class PreviewRbacDocumentationTests
{
    [Test]
    public async Task The_documented_preview_role_allows_every_request_and_nothing_unused()
    {
        var used = new HashSet<(string Verb, string Group, string Resource)>();
        foreach (var (crds, dialect, route) in new[]
        {
            (AmbassadorCrdSet.Emissary3, MappingDialect.V2, new RouteSpec { Prefix = "/web/" }),
            (AmbassadorCrdSet.Emissary4, MappingDialect.V3Alpha1, new RouteSpec { Mapping = "web" }),
            (AmbassadorCrdSet.None, MappingDialect.Annotation, new RouteSpec { Mapping = "web", Dialect = MappingDialect.Annotation }),
        })
        {
            await using var cluster = await EngineCluster.StartAsync(crds);
            await cluster.SeedAsync(dialect);
            cluster.Emulator.Requests.Clear();
            var header = new HeaderRouteSpec { Name = "pr-7", Header = "x-preview", Value = "pr-7" };
            foreach (var image in new[] { "web:pr7-a", "web:pr7-b" })
            {
                var spec = EngineCluster.Spec(image) with { Route = route, HeaderRoute = header };
                var outcome = await new PreviewDeployer(cluster.Client, spec, header, new VirtualClockPacer(cluster.Clock), cluster.Clock, NullLoggerFactory.Instance)
                    .DeployAsync(null, CancellationToken.None);
                Assert.That(outcome.Succeeded, Is.True, outcome.Message);
            }

            var cleanupSpec = EngineCluster.Spec() with { Route = route, HeaderRoute = header };
            await new PreviewDeployer(cluster.Client, cleanupSpec, header, new VirtualClockPacer(cluster.Clock), cluster.Clock, NullLoggerFactory.Instance)
                .CleanupAsync(CancellationToken.None);
            used.UnionWith(cluster.Emulator.Requests.Permissions());
        }

        var documented = DocumentedRole();

        Assert.That(used.Where(p => !documented.Contains(p)).Select(Show), Is.Empty, "used but not in docs/preview.md");
        Assert.That(documented.Where(p => !used.Contains(p)).Select(Show), Is.Empty, "in docs/preview.md but never used");
    }

    private static string Show((string Verb, string Group, string Resource) p) => $"{p.Verb} {p.Resource}{(p.Group.Length == 0 ? "" : "." + p.Group)}";

    private static HashSet<(string Verb, string Group, string Resource)> DocumentedRole()
    {
        var doc = File.ReadAllText(Path.Combine(Routing.GoldenFiles.Folder(""), "..", "..", "docs", "preview.md"));
        foreach (Match block in YamlBlock().Matches(doc))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(block.Groups[1].Value));
            if (stream.Documents[0].RootNode is not YamlMappingNode root || !root.Children.TryGetValue("kind", out var kind) || ((YamlScalarNode)kind).Value != "Role")
            {
                continue;
            }

            var result = new HashSet<(string, string, string)>();
            foreach (YamlMappingNode rule in (YamlSequenceNode)root["rules"])
            {
                foreach (var group in Values(rule["apiGroups"]))
                {
                    foreach (var resource in Values(rule["resources"]))
                    {
                        result.UnionWith(Values(rule["verbs"]).Select(verb => (verb, group, resource)));
                    }
                }
            }

            return result;
        }

        throw new AssertionException("docs/preview.md has no Role block");
    }

    private static IEnumerable<string> Values(YamlNode node) => ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value ?? "");

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
