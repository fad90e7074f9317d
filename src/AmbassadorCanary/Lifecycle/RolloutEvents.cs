using AmbassadorCanary.Workloads;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Lifecycle;

/// <summary>A core/v1 Event on the primary Deployment for every transition, so `kubectl describe deploy` tells the story.</summary>
internal sealed class RolloutEvents(IKubernetes client, CanaryNames names, TimeProvider time, ILogger logger)
{
    public const string Component = "ambassador-canary";

    private int _sequence;

    public static string Reason(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Initializing => "CanaryInitializing",
        RolloutPhase.CanaryDeploying => "CanaryDeploying",
        RolloutPhase.Progressing => "CanaryProgressing",
        RolloutPhase.Paused => "CanaryPaused",
        RolloutPhase.Promoting => "CanaryPromoting",
        RolloutPhase.Finalizing => "CanaryFinalizing",
        RolloutPhase.Succeeded => "CanarySucceeded",
        RolloutPhase.RollingBack => "CanaryRollingBack",
        RolloutPhase.RolledBack => "CanaryRolledBack",
        _ => "Canary" + phase,
    };

    /// <summary>Records the transition. An Event that cannot be written is logged, never fatal: it is history, not state.</summary>
    public async Task RecordAsync(DecisionRecord record, string revision, string? primaryUid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var warning = record.To is RolloutPhase.RollingBack or RolloutPhase.RolledBack;
        var ev = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = $"{names.Primary}.canary.{now.Ticks:x}.{Interlocked.Increment(ref _sequence)}",
                NamespaceProperty = names.Namespace,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Name = names.Primary,
                NamespaceProperty = names.Namespace,
                Uid = primaryUid,
            },
            Reason = Reason(record.To),
            Message = $"{record.Reason} (weight {record.Weight}, revision {revision})",
            Type = warning ? "Warning" : "Normal",
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = Component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(ev, names.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            EngineLog.EventFailed(logger, names.Namespace, names.Primary, e.Describe());
        }
        catch (HttpRequestException e)
        {
            EngineLog.EventFailed(logger, names.Namespace, names.Primary, e.Message);
        }
    }
}
