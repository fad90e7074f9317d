using System.Text.Json.Nodes;
using AmbassadorCanary.Routing;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Workloads;
using k8s;

namespace AmbassadorCanary.Lifecycle;

/// <summary>Read-only commands: status and plan. Neither takes the lock nor writes anything.</summary>
internal sealed partial class RolloutEngine
{
    /// <summary>The persisted state (null when no rollout ever ran) and what the cluster shows now.</summary>
    public async Task<RolloutStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var session = await OpenAsync(cancellationToken);
        var state = await session.Store.LoadAsync(cancellationToken);
        var images = state?.Images ?? _spec.Target.Images;
        var (canary, primary) = await session.Workload.ObserveAsync(images, cancellationToken);
        return new RolloutStatus(
            state,
            RolloutRevision.Of(_spec.Target.Images),
            session.Router.Primary.Dialect,
            $"{session.Router.Primary.Namespace}/{session.Router.Primary.Name}",
            canary,
            primary,
            await session.Router.GetWeightAsync(cancellationToken));
    }

    /// <summary>
    /// The exact objects a rollout of this spec writes, in write order: canary Deployment, canary Service, then the
    /// Mappings (primary stats_name patch if needed, canary at the first step's weight, header route). Annotation
    /// dialect: the Mapping documents are shown inside the Service objects that carry them. Nothing is written.
    /// </summary>
    public async Task<RolloutPlan> PlanAsync(CancellationToken cancellationToken)
    {
        var session = await OpenAsync(cancellationToken);
        var revision = RolloutRevision.Of(_spec.Target.Images);
        var (deployment, service) = await session.Workload.BuildAsync(_spec.Target.Images, revision, cancellationToken);
        var firstWeight = _spec.Steps.OfType<WeightStep>().FirstOrDefault()?.Weight ?? 0;
        var objects = new List<JsonObject> { ToJson(deployment), ToJson(service) };
        foreach (var routeObject in session.Router.Plan(firstWeight))
        {
            var sameService = objects.FirstOrDefault(o => (string?)o["kind"] == "Service" && (string?)routeObject["kind"] == "Service"
                && (string?)o["metadata"]?["name"] == (string?)routeObject["metadata"]?["name"]);
            if (sameService is not null)
            {
                MergeAnnotations(sameService, routeObject);
            }
            else
            {
                objects.Add(routeObject);
            }
        }

        return new RolloutPlan(session.Router.Primary.Dialect, revision, objects);
    }

    private static JsonObject ToJson<T>(T value) => JsonNode.Parse(KubernetesJson.Serialize(value))!.AsObject();

    private static void MergeAnnotations(JsonObject target, JsonObject patch)
    {
        var metadata = target["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }

        foreach (var (key, value) in patch["metadata"]?["annotations"]?.AsObject() ?? [])
        {
            annotations[key] = value?.DeepClone();
        }
    }
}

/// <summary>What `status` reports.</summary>
public sealed record RolloutStatus(
    RolloutState? State,
    string SpecRevision,
    MappingDialect Dialect,
    string PrimaryMapping,
    WorkloadHealth Canary,
    WorkloadHealth Primary,
    int? RouteWeight);

/// <summary>What `plan` prints: the objects, as JSON the CLI renders as YAML.</summary>
public sealed record RolloutPlan(MappingDialect Dialect, string Revision, IReadOnlyList<JsonObject> Objects);
