using System.Text.Json.Nodes;
using AmbassadorCanary.Lifecycle;
using AmbassadorCanary.Workloads;
using k8s;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Routing;

/// <summary>Ambassador/Emissary Mapping CRDs (getambassador.io v3alpha1, v2, v1) through client.CustomObjects.</summary>
internal sealed class AmbassadorMappingRouter(IKubernetes client, CanaryRoutePlan plan, ILogger logger) : ITrafficRouter
{
    private readonly string _version = MappingDialects.Version(plan.Primary.Dialect);

    public PrimaryRoute Primary => plan.Primary;

    public RouteNames Names => plan.Names;

    private string Ns => plan.Names.Namespace;

    public IReadOnlyList<JsonObject> Plan(int weight)
    {
        var objects = new List<JsonObject>();
        if (plan.PrimarySpecToWrite() is { } primarySpec)
        {
            objects.Add(Object(plan.Primary.Name, plan.Primary.Labels, primarySpec, ours: false));
        }

        objects.Add(Object(plan.Names.Canary, plan.Primary.Labels, plan.CanarySpec(weight), ours: true));
        if (plan.HeaderSpec() is { } header)
        {
            objects.Add(Object(plan.Names.Header!, plan.Primary.Labels, header, ours: true));
        }

        return objects;
    }

    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        if (plan.PrimarySpecToWrite() is not null)
        {
            await UpsertAsync(plan.Primary.Name, create: null, current =>
            {
                Spec(current)["stats_name"] ??= plan.Names.DefaultPrimaryStats;
                return current;
            }, cancellationToken);
            RouterLog.PrimaryStatsSet(logger, Ns, plan.Primary.Name, plan.PrimaryStats);
        }

        var weight = await GetWeightAsync(cancellationToken) ?? 0;
        await UpsertAsync(plan.Names.Canary, Object(plan.Names.Canary, plan.Primary.Labels, plan.CanarySpec(weight), ours: true), current =>
        {
            current["spec"] = plan.CanarySpec((int?)Spec(current)["weight"] ?? weight);
            return current;
        }, cancellationToken);
        RouterLog.MappingApplied(logger, Ns, plan.Names.Canary);

        if (plan.HeaderSpec() is { } header)
        {
            var desired = Object(plan.Names.Header!, plan.Primary.Labels, header, ours: true);
            await UpsertAsync(plan.Names.Header!, desired, current =>
            {
                current["spec"] = header.DeepClone();
                return current;
            }, cancellationToken);
            RouterLog.MappingApplied(logger, Ns, plan.Names.Header!);
        }
    }

    public async Task SetWeightAsync(int weight, CancellationToken cancellationToken)
    {
        if (weight == 0 && await ReadAsync(plan.Names.Canary, cancellationToken) is null)
        {
            return;
        }

        await UpsertAsync(plan.Names.Canary, Object(plan.Names.Canary, plan.Primary.Labels, plan.CanarySpec(weight), ours: true), current =>
        {
            Spec(current)["weight"] = weight;
            return current;
        }, cancellationToken);
        RouterLog.WeightSet(logger, Ns, plan.Names.Canary, weight);
    }

    public async Task<int?> GetWeightAsync(CancellationToken cancellationToken)
    {
        var canary = await ReadAsync(plan.Names.Canary, cancellationToken);

        // An unweighted canary Mapping would take a share of the traffic: never report it as 0.
        return canary is null ? null : (int?)Spec(canary)["weight"] ?? 100;
    }

    public async Task FinalizeAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { plan.Names.Canary, plan.Names.Header }.OfType<string>())
        {
            if (await CreateOrReplace.DeleteAsync($"Mapping {Ns}/{name}",
                    ct => client.CustomObjects.DeleteNamespacedCustomObjectAsync(MappingDialects.Group, _version, Ns, MappingDialects.Plural, name, cancellationToken: ct),
                    cancellationToken))
            {
                RouterLog.MappingDeleted(logger, Ns, name);
            }
        }
    }

    private JsonObject Object(string name, JsonObject? primaryLabels, JsonObject spec, bool ours)
    {
        var labels = (JsonObject?)primaryLabels?.DeepClone() ?? [];
        if (ours)
        {
            labels[CanaryLabels.Role] = CanaryLabels.RoleValue;
            labels[CanaryLabels.Primary] = plan.Primary.Name;
        }

        var metadata = new JsonObject { ["name"] = name, ["namespace"] = Ns };
        if (labels.Count > 0)
        {
            metadata["labels"] = labels;
        }

        return new JsonObject
        {
            ["apiVersion"] = $"{MappingDialects.Group}/{_version}",
            ["kind"] = "Mapping",
            ["metadata"] = metadata,
            ["spec"] = spec.DeepClone(),
        };
    }

    private Task<JsonObject?> ReadAsync(string name, CancellationToken cancellationToken) =>
        CreateOrReplace.ReadAsync($"Mapping {Ns}/{name}",
            ct => client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(MappingDialects.Group, _version, Ns, MappingDialects.Plural, name, ct)!,
            cancellationToken);

    /// <summary>Create desired when absent (null: the object must exist), else apply mutate to the live object and replace it.</summary>
    private Task<JsonObject> UpsertAsync(string name, JsonObject? create, Func<JsonObject, JsonObject> mutate, CancellationToken cancellationToken) =>
        CreateOrReplace.RunAsync(
            $"Mapping {Ns}/{name}",
            ct => ReadAsync(name, ct),
            ct => create is null
                ? throw new RolloutInputException($"Mapping {Ns}/{name} disappeared during the rollout")
                : client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(create, MappingDialects.Group, _version, Ns, MappingDialects.Plural, cancellationToken: ct),
            (current, ct) =>
            {
                current.Remove("status");
                return client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(mutate(current), MappingDialects.Group, _version, Ns, MappingDialects.Plural, name, cancellationToken: ct);
            },
            cancellationToken);

    private static JsonObject Spec(JsonObject mapping)
    {
        if (mapping["spec"] is JsonObject spec)
        {
            return spec;
        }

        spec = [];
        mapping["spec"] = spec;
        return spec;
    }
}
