using System.Text.Json.Nodes;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Routing;

/// <summary>For each dialect: a primary Mapping in, the exact objects the router would write out, each valid against the real CRDs.</summary>
public sealed class RouterPlanGoldenTests
{
    private const string GoldenDir = "Routing/Golden";

    public static IEnumerable<string> Cases() => GoldenFiles.Cases(GoldenDir);

    [TestCaseSource(nameof(Cases))]
    public void Plan_matches_the_golden_file_and_the_crds(string name)
    {
        var folder = Path.Combine(GoldenFiles.Folder(GoldenDir), name);
        var input = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "input.json")))!.AsObject();
        var dialect = Enum.Parse<MappingDialect>((string)input["dialect"]!);
        var primary = ReadPrimary(input, dialect);
        var header = input["headerRoute"] is JsonObject h
            ? new HeaderRouteSpec { Name = (string?)h["name"] ?? "header", Header = (string?)h["header"], Value = (string?)h["value"], Cookie = (string?)h["cookie"] }
            : null;
        var ids = (input["ambassadorId"] as JsonArray)?.Select(n => (string)n!).ToList() ?? [];
        var plan = new CanaryRoutePlan(primary, RouteNames.For(primary.Namespace, primary.Name, header), primary.Service.Name + "-canary", header, ids);

        using var unused = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        var router = TrafficRouterFactory.Create(unused, plan, NullLogger.Instance);
        var objects = router.Plan((int)input["weight"]!);

        GoldenFiles.AssertMatches(folder, new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()));
        foreach (var mapping in objects.SelectMany(o => Mappings(o, primary.Namespace)))
        {
            GoldenFiles.AssertValidMapping(mapping);
        }
    }

    private static PrimaryRoute ReadPrimary(JsonObject input, MappingDialect dialect)
    {
        var obj = input["primary"]!.AsObject();
        if (dialect != MappingDialect.Annotation)
        {
            return PrimaryRouteReader.FromCrd(obj, dialect);
        }

        var docs = AnnotationYaml.Read((string?)obj["metadata"]!["annotations"]![MappingDialects.AnnotationKey]);
        var doc = docs.Single(d => (string?)d["name"] == (string?)input["mapping"]);
        return PrimaryRouteReader.FromAnnotation((string)obj["metadata"]!["namespace"]!, (string)obj["metadata"]!["name"]!, docs, doc);
    }

    /// <summary>CRD Mappings as they are; annotation documents as the getambassador.io/v1 Mappings they correspond to.</summary>
    internal static IEnumerable<JsonObject> Mappings(JsonObject written, string ns)
    {
        if ((string?)written["kind"] == "Mapping")
        {
            yield return written;
            yield break;
        }

        foreach (var doc in AnnotationYaml.Read((string?)written["metadata"]?["annotations"]?[MappingDialects.AnnotationKey]))
        {
            Assert.That((string?)doc["apiVersion"], Is.EqualTo("ambassador/v1"));
            var spec = new JsonObject();
            foreach (var (key, value) in doc.Where(kv => kv.Key is not ("apiVersion" or "kind" or "name")))
            {
                spec[key] = value?.DeepClone();
            }

            yield return new JsonObject
            {
                ["apiVersion"] = "getambassador.io/v1",
                ["kind"] = "Mapping",
                ["metadata"] = new JsonObject { ["name"] = (string?)doc["name"], ["namespace"] = ns },
                ["spec"] = spec,
            };
        }
    }
}
