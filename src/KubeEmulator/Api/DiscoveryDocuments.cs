using System.Text.Json.Nodes;

namespace KubeEmulator.Api;

/// <summary>/api, /api/v1, /apis, /apis/{group}, /apis/{group}/{version}: exactly what the catalog serves.</summary>
internal static class DiscoveryDocuments
{
    public static JsonObject CoreVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1" }),
    };

    public static JsonObject GroupList(ResourceCatalog catalog)
    {
        var groups = new JsonArray();
        foreach (var (group, versions) in catalog.Groups())
        {
            groups.Add((JsonNode)Group(group, versions));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? GroupDocument(ResourceCatalog catalog, string group)
    {
        foreach (var (name, versions) in catalog.Groups())
        {
            if (name == group)
            {
                var doc = Group(name, versions);
                doc["kind"] = "APIGroup";
                doc["apiVersion"] = "v1";
                return doc;
            }
        }

        return null;
    }

    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var served = catalog.InGroupVersion(group, version).ToList();
        if (served.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var r in served)
        {
            resources.Add((JsonNode)new JsonObject
            {
                ["name"] = r.Type.Resource,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Type.Namespaced,
                ["kind"] = r.Type.Kind,
                ["verbs"] = Strings(ServedResource.AllVerbs),
                ["shortNames"] = r.ShortNames.Count > 0 ? Strings(r.ShortNames) : null,
            });
            if (r.HasStatus)
            {
                resources.Add((JsonNode)new JsonObject
                {
                    ["name"] = r.Type.Resource + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = r.Type.Namespaced,
                    ["kind"] = r.Type.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }

            if (r.Type == Store.ResourceType.Pods)
            {
                resources.Add((JsonNode)new JsonObject
                {
                    ["name"] = "pods/proxy",
                    ["singularName"] = "",
                    ["namespaced"] = true,
                    ["kind"] = "PodProxyOptions",
                    ["verbs"] = new JsonArray("create", "delete", "get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions)
    {
        var list = new JsonArray();
        foreach (var v in versions)
        {
            list.Add((JsonNode)new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v });
        }

        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
