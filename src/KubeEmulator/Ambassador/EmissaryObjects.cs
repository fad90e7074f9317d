using System.Text.Json.Nodes;

namespace KubeEmulator.Ambassador;

/// <summary>
/// The objects an Emissary install puts in a cluster, shaped like the Helm chart's, for the sandbox and tests:
/// a Deployment whose pods carry the label <see cref="AmbassadorSimulatorOptions.PodSelector"/> looks for by default,
/// and the admin Service on port 8877.
/// </summary>
public static class EmissaryObjects
{
    public const string Image = "docker.io/emissaryingress/emissary:3.10.0";

    public static JsonObject Deployment(string name = "emissary-ingress", int replicas = 2, string image = Image) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Labels(name) },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = Labels(name) },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = Labels(name) },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "ambassador",
                        ["image"] = image,
                        ["ports"] = new JsonArray(
                            new JsonObject { ["name"] = "http", ["containerPort"] = 8080 },
                            new JsonObject { ["name"] = "https", ["containerPort"] = 8443 },
                            new JsonObject { ["name"] = "admin", ["containerPort"] = AmbassadorSimulator.AdminPort }),
                    }),
                },
            },
        },
    };

    public static JsonObject AdminService(string name = "emissary-ingress") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = $"{name}-admin", ["labels"] = Labels(name) },
        ["spec"] = new JsonObject
        {
            ["selector"] = Labels(name),
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "admin", ["port"] = AmbassadorSimulator.AdminPort, ["targetPort"] = "admin" }),
        },
    };

    private static JsonObject Labels(string name) => new()
    {
        ["app.kubernetes.io/name"] = "emissary-ingress",
        ["app.kubernetes.io/instance"] = name,
    };
}
