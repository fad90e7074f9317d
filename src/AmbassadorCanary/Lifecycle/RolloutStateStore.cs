using System.Text.Json;
using AmbassadorCanary.Workloads;
using k8s;
using k8s.Models;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// The rollout state in ConfigMap &lt;target&gt;-canary-state: the full state as JSON under state.json, plus phase,
/// weight and revision as plain keys for `kubectl get configmap -o yaml` readers.
/// </summary>
internal sealed class RolloutStateStore(IKubernetes client, CanaryNames names)
{
    public const string DataKey = "state.json";

    private string What => $"ConfigMap {names.Namespace}/{names.StateConfigMap}";

    public async Task<RolloutState?> LoadAsync(CancellationToken cancellationToken)
    {
        var map = await CreateOrReplace.ReadAsync(What,
            ct => client.CoreV1.ReadNamespacedConfigMapAsync(names.StateConfigMap, names.Namespace, cancellationToken: ct)!, cancellationToken);
        if (map?.Data?.TryGetValue(DataKey, out var json) != true)
        {
            return null;
        }

        try
        {
            return Deserialize(json!);
        }
        catch (JsonException e)
        {
            throw new ClusterOperationException($"{What}: {DataKey} is not a rollout state this version understands: {e.Message}", e);
        }
    }

    public Task SaveAsync(RolloutState state, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string>
        {
            [DataKey] = Serialize(state),
            ["phase"] = state.Phase.ToString(),
            ["weight"] = state.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["revision"] = state.Revision,
        };
        return CreateOrReplace.RunAsync(
            What,
            ct => client.CoreV1.ReadNamespacedConfigMapAsync(names.StateConfigMap, names.Namespace, cancellationToken: ct)!,
            ct => client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta
                {
                    Name = names.StateConfigMap,
                    NamespaceProperty = names.Namespace,
                    Labels = new Dictionary<string, string> { [CanaryLabels.Primary] = names.Primary },
                },
                Data = data,
            }, names.Namespace, cancellationToken: ct),
            (current, ct) =>
            {
                current.Data = data;
                return client.CoreV1.ReplaceNamespacedConfigMapAsync(current, names.StateConfigMap, names.Namespace, cancellationToken: ct);
            },
            cancellationToken);
    }

    public static string Serialize(RolloutState state) => JsonSerializer.Serialize(state, RolloutStateJsonContext.Default.RolloutState);

    public static RolloutState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, RolloutStateJsonContext.Default.RolloutState) ?? throw new JsonException("the state is null");
}
