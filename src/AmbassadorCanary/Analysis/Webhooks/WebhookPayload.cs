using System.Text.Json.Serialization;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Webhooks;

/// <summary>
/// The JSON body POSTed to every webhook. Name and Namespace are the target Deployment's; Hook says which kind of
/// hook is being called (pre-rollout, step, confirm-promotion, post-rollout, rollback).
/// </summary>
public sealed record WebhookPayload
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("phase")]
    public required string Phase { get; init; }

    [JsonPropertyName("hook")]
    public string Hook { get; init; } = "";

    /// <summary>Canary traffic weight, percent, at the time of the call.</summary>
    [JsonPropertyName("weight")]
    public int Weight { get; init; }

    /// <summary>What is being rolled out, e.g. "web=example/web:2.0".</summary>
    [JsonPropertyName("revision")]
    public required string Revision { get; init; }

    /// <summary>The hook's own metadata from the settings, passed through unchanged.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The payload for the rollout of this spec, in this phase (e.g. "Progressing") at this canary weight.</summary>
    public static WebhookPayload For(RolloutSpec spec, string phase, int weight, string? revision = null) => new()
    {
        Name = spec.Target.Deployment,
        Namespace = spec.Target.Namespace,
        Phase = phase,
        Weight = weight,
        Revision = revision ?? RevisionOf(spec.Target),
    };

    /// <summary>The new images by container, "web=example/web:2.0,sidecar=proxy:1.2", sorted by container.</summary>
    public static string RevisionOf(TargetSpec target) =>
        string.Join(',', target.Images.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}"));
}

[JsonSerializable(typeof(WebhookPayload))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
