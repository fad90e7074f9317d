using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KubeEmulator.Store;

namespace KubeEmulator.Controllers;

/// <summary>
/// The simulated kube-controller-manager for Deployments: keeps Pods per Deployment and converges status after
/// <see cref="DeploymentControllerOptions.ReadyDelay"/> of store time. A rollout is one generation of a Deployment;
/// new pods are created at once (full surge), each becomes ready ReadyDelay after it was created, and old pods are
/// deleted when every new pod is ready. Pods of "never ready" images stay unready and the rollout hits its
/// progress deadline. Deleted pods are replaced, as a ReplicaSet does.
/// </summary>
public sealed class DeploymentController : IDisposable
{
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly DeploymentControllerOptions _options;
    private readonly SerialWorkQueue _work;
    private readonly Random _random;
    private readonly Dictionary<(string Ns, string Name), DeploymentRollout> _rollouts = [];
    private readonly Dictionary<(string Ns, string Pod), DeploymentRollout> _podOwners = [];
    private readonly ConcurrentQueue<Exception> _failures = new();
    private int _podIpCounter;
    private bool _disposed;

    public DeploymentController(ObjectStore store, TimeProvider time, DeploymentControllerOptions? options = null)
    {
        _store = store;
        _time = time;
        _options = options ?? new DeploymentControllerOptions();
        _random = new Random(_options.Seed);
        _work = new SerialWorkQueue(_failures.Enqueue);
        _store.Changed += OnChanged;
        foreach (var deployment in _store.List(ResourceType.Deployments, null))
        {
            _work.Post(() => Reconcile(deployment));
        }
    }

    /// <summary>Errors the controller met while writing to the store (it keeps going, as a real controller would retry).</summary>
    public IReadOnlyCollection<Exception> Failures => _failures;

    public void Dispose()
    {
        _store.Changed -= OnChanged;
        _work.Post(() =>
        {
            _disposed = true;
            foreach (var rollout in _rollouts.Values)
            {
                rollout.StopTimers();
            }

            _rollouts.Clear();
            _podOwners.Clear();
        });
    }

    private void OnChanged(object? sender, ObjectChange change)
    {
        if (change.Resource == ResourceType.Deployments)
        {
            _work.Post(() =>
            {
                if (change.Type == ChangeType.Deleted)
                {
                    Remove(change.Namespace, change.Name);
                }
                else
                {
                    Reconcile(change.Object);
                }
            });
        }
        else if (change.Resource == ResourceType.Pods && change.Type == ChangeType.Deleted)
        {
            _work.Post(() => ReplaceDeletedPod(change.Namespace, change.Name));
        }
    }

    private void Reconcile(JsonObject deployment)
    {
        var ns = (string?)deployment["metadata"]?["namespace"] ?? "";
        var name = (string?)deployment["metadata"]?["name"] ?? "";
        var generation = JsonRead.Long(deployment["metadata"]?["generation"]) ?? 1;
        if (_disposed || (_rollouts.TryGetValue((ns, name), out var rollout) && rollout.Generation == generation))
        {
            return; // A status write (ours or anyone's) does not start a rollout.
        }

        if (rollout is null)
        {
            rollout = new DeploymentRollout(ns, name);
            _rollouts[(ns, name)] = rollout;
        }

        var template = deployment["spec"]?["template"];
        var images = SimulatedPod.Images(template?["spec"] as JsonObject ?? []).ToList();
        rollout.StopTimers();
        rollout.Generation = generation;
        rollout.Hash = PodTemplateHash.Of(template);
        rollout.Replicas = Math.Max(JsonRead.Int(deployment["spec"]?["replicas"]) ?? 1, 0);
        rollout.NeverReady = images.Any(_options.NeverReady);
        rollout.Progress = RolloutProgress.InProgress;

        var current = rollout.Pods.Values.Where(p => p.Hash == rollout.Hash).ToList();
        foreach (var extra in current.OrderBy(p => p.Ready).ThenByDescending(p => p.CreatedOrder).Skip(rollout.Replicas))
        {
            DeletePod(rollout, extra);
        }

        for (var i = current.Count; i < rollout.Replicas; i++)
        {
            CreatePod(rollout, deployment);
        }

        foreach (var pending in rollout.Pods.Values.Where(p => p.Hash == rollout.Hash && !p.Ready))
        {
            ScheduleReady(rollout, pending);
        }

        if (!TryComplete(rollout))
        {
            var deadline = TimeSpan.FromSeconds(JsonRead.Int(deployment["spec"]?["progressDeadlineSeconds"]) ?? 600);
            var expected = generation;
            rollout.Deadline = _time.CreateTimer(_ => _work.Post(() => DeadlineDue(rollout, expected)), null, deadline, Timeout.InfiniteTimeSpan);
            WriteStatus(rollout);
        }
    }

    private void Remove(string ns, string name)
    {
        if (!_rollouts.Remove((ns, name), out var rollout))
        {
            return;
        }

        rollout.StopTimers();
        foreach (var pod in rollout.Pods.Values.ToList())
        {
            DeletePod(rollout, pod);
        }
    }

    private void ReplaceDeletedPod(string ns, string podName)
    {
        if (!_podOwners.Remove((ns, podName), out var rollout) || !rollout.Pods.Remove(podName, out var pod))
        {
            return; // Not ours, or we deleted it ourselves.
        }

        pod.ReadyTimer?.Dispose();
        var deployment = _store.Get(ResourceType.Deployments, ns, rollout.Name);
        if (deployment is null || pod.Hash != rollout.Hash)
        {
            return;
        }

        var replacement = CreatePod(rollout, deployment);
        ScheduleReady(rollout, replacement);
        WriteStatus(rollout);
    }

    private void ScheduleReady(DeploymentRollout rollout, TrackedPod pod)
    {
        if (rollout.NeverReady || pod.ReadyTimer is not null)
        {
            return;
        }

        pod.ReadyTimer = _time.CreateTimer(_ => _work.Post(() => PodReadyDue(rollout, pod)), null, _options.ReadyDelay, Timeout.InfiniteTimeSpan);
    }

    private void PodReadyDue(DeploymentRollout rollout, TrackedPod pod)
    {
        if (_disposed || !rollout.Pods.ContainsKey(pod.Name) || pod.Ready)
        {
            return;
        }

        pod.Ready = true;
        pod.ReadyTimer?.Dispose();
        pod.ReadyTimer = null;
        try
        {
            _store.Update(ResourceType.Pods, rollout.Namespace, pod.Name, p => SimulatedPod.WithReadiness(p, ready: true, _time.GetUtcNow()), statusOnly: true);
        }
        catch (StoreException ex) when (ex.Code == 404)
        {
            return;
        }

        if (!TryComplete(rollout))
        {
            WriteStatus(rollout);
        }
    }

    private void DeadlineDue(DeploymentRollout rollout, long generation)
    {
        if (_disposed || rollout.Generation != generation || rollout.Progress != RolloutProgress.InProgress)
        {
            return;
        }

        rollout.Progress = RolloutProgress.DeadlineExceeded;
        WriteStatus(rollout);
    }

    /// <summary>When every pod of the current template is ready: old pods go, the rollout is complete.</summary>
    private bool TryComplete(DeploymentRollout rollout)
    {
        var current = rollout.Pods.Values.Where(p => p.Hash == rollout.Hash).ToList();
        if (current.Count != rollout.Replicas || current.Any(p => !p.Ready))
        {
            return false;
        }

        foreach (var old in rollout.Pods.Values.Where(p => p.Hash != rollout.Hash).ToList())
        {
            DeletePod(rollout, old);
        }

        rollout.Deadline?.Dispose();
        rollout.Deadline = null;
        rollout.Progress = RolloutProgress.Complete;
        WriteStatus(rollout);
        return true;
    }

    private TrackedPod CreatePod(DeploymentRollout rollout, JsonObject deployment)
    {
        while (true)
        {
            var suffix = string.Concat(Enumerable.Range(0, 5).Select(_ => PodTemplateHash.SafeAlphabet[_random.Next(PodTemplateHash.SafeAlphabet.Length)]));
            var name = $"{rollout.Name}-{rollout.Hash}-{suffix}";
            if (_store.Get(ResourceType.Pods, rollout.Namespace, name) is not null)
            {
                continue;
            }

            var n = _podIpCounter++;
            var ip = $"127.1.{n / 250 % 250}.{(n % 250) + 2}";
            _store.Create(ResourceType.Pods, rollout.Namespace, SimulatedPod.Create(deployment, name, rollout.Hash, ip, _time.GetUtcNow()));
            var pod = new TrackedPod(name, rollout.Hash, n);
            rollout.Pods[name] = pod;
            _podOwners[(rollout.Namespace, name)] = rollout;
            return pod;
        }
    }

    private void DeletePod(DeploymentRollout rollout, TrackedPod pod)
    {
        pod.ReadyTimer?.Dispose();
        rollout.Pods.Remove(pod.Name);
        _podOwners.Remove((rollout.Namespace, pod.Name));
        try
        {
            _store.Delete(ResourceType.Pods, rollout.Namespace, pod.Name);
        }
        catch (StoreException ex) when (ex.Code == 404)
        {
            // Already gone.
        }
    }

    private void WriteStatus(DeploymentRollout rollout)
    {
        var counts = new DeploymentCounts(
            rollout.Generation,
            rollout.Replicas,
            rollout.Pods.Count,
            rollout.Pods.Values.Count(p => p.Hash == rollout.Hash),
            rollout.Pods.Values.Count(p => p.Ready),
            rollout.Progress,
            $"{rollout.Name}-{rollout.Hash}");
        try
        {
            _store.Update(
                ResourceType.Deployments,
                rollout.Namespace,
                rollout.Name,
                d =>
                {
                    d["status"] = DeploymentStatusBuilder.Build(counts, d, _time.GetUtcNow());
                    return d;
                },
                statusOnly: true);
        }
        catch (StoreException ex) when (ex.Code == 404)
        {
            // Deleted meanwhile; the Deleted event cleans up.
        }
    }
}
