using System.Text.RegularExpressions;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Spec;
using KubeEmulator;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace AmbassadorCanary.Tests.Lifecycle;

/// <summary>docs/rbac.md's Role is exactly what the engine uses, per the emulator's request log.</summary>
public sealed partial class RbacDocumentationTests
{
    [Test]
    public async Task The_documented_role_allows_every_request_and_nothing_unused()
    {
        var used = new HashSet<(string Verb, string Group, string Resource)>();
        foreach (var (crds, dialect) in new[] { (AmbassadorCrdSet.Emissary3, MappingDialect.V2), (AmbassadorCrdSet.Emissary4, MappingDialect.V3Alpha1), (AmbassadorCrdSet.None, MappingDialect.Annotation) })
        {
            await using var cluster = await EngineCluster.StartAsync(crds);
            await cluster.SeedAsync(dialect);
            cluster.Emulator.Requests.Clear();
            var byPrefix = EngineCluster.Spec() with { Route = new RouteSpec { Prefix = "/web/" } };
            await cluster.Engine(byPrefix).PlanAsync(CancellationToken.None);
            await cluster.Engine(EngineCluster.Spec()).GetStatusAsync(CancellationToken.None);
            Assert.That((await cluster.Engine(byPrefix).RunAsync(RunMode.Rollout, CancellationToken.None)).Phase, Is.EqualTo(RolloutPhase.Succeeded));
            Assert.That((await cluster.Engine(EngineCluster.Spec(EngineCluster.BadImage)).RunAsync(RunMode.Rollout, CancellationToken.None)).Phase, Is.EqualTo(RolloutPhase.RolledBack));
            var manual = EngineCluster.Spec("web:3") with { Promotion = PromotionMode.Manual };
            await cluster.Engine(manual).RunAsync(RunMode.Rollout, CancellationToken.None);
            Assert.That((await cluster.Engine(manual).RollbackAsync(CancellationToken.None)).Phase, Is.EqualTo(RolloutPhase.RolledBack));
            used.UnionWith(cluster.Emulator.Requests.Permissions());
        }

        var documented = DocumentedRole();

        Assert.That(used.Where(p => !documented.Contains(p)).Select(Show), Is.Empty, "used but not in docs/rbac.md");
        Assert.That(documented.Where(p => !used.Contains(p)).Select(Show), Is.Empty, "in docs/rbac.md but never used");
    }

    private static string Show((string Verb, string Group, string Resource) p) => $"{p.Verb} {p.Resource}{(p.Group.Length == 0 ? "" : "." + p.Group)}";

    private static HashSet<(string Verb, string Group, string Resource)> DocumentedRole()
    {
        var doc = File.ReadAllText(Path.Combine(Routing.GoldenFiles.Folder(""), "..", "..", "docs", "rbac.md"));
        foreach (Match block in YamlBlock().Matches(doc))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(block.Groups[1].Value));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            if (((YamlScalarNode)root["kind"]).Value != "Role")
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
                        foreach (var verb in Values(rule["verbs"]))
                        {
                            result.Add((verb, group, resource));
                        }
                    }
                }
            }

            return result;
        }

        throw new AssertionException("docs/rbac.md has no Role block");
    }

    private static IEnumerable<string> Values(YamlNode node) => ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value ?? "");

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
