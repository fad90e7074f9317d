using System.Text.Json.Serialization;

namespace AmbassadorCanary.Lifecycle;

/// <summary>Source-generated (AOT) JSON for the persisted rollout state.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RolloutState))]
internal sealed partial class RolloutStateJsonContext : JsonSerializerContext;
