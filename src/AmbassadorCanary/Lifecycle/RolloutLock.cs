using AmbassadorCanary.Workloads;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AmbassadorCanary.Lifecycle;

/// <summary>
/// One run per target at a time: a coordination.k8s.io/v1 Lease &lt;target&gt;-canary-lock, renewed every tick.
/// A crashed run blocks others only until its lease expires.
/// </summary>
internal sealed class RolloutLock(IKubernetes client, CanaryNames names, string holder, TimeSpan duration, TimeProvider time)
{
    private string What => $"Lease {names.Namespace}/{names.Lock}";

    public string Holder => holder;

    /// <summary>Takes the lease, or throws RolloutLockedException when another holder's lease is still valid.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var lease = await ReadAsync(cancellationToken);
            try
            {
                if (lease is null)
                {
                    await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
                    {
                        ApiVersion = "coordination.k8s.io/v1",
                        Kind = "Lease",
                        Metadata = new V1ObjectMeta { Name = names.Lock, NamespaceProperty = names.Namespace, Labels = new Dictionary<string, string> { [CanaryLabels.Primary] = names.Primary } },
                        Spec = Spec(now, now, 0),
                    }, names.Namespace, cancellationToken: cancellationToken);
                    return;
                }

                var other = lease.Spec?.HolderIdentity;
                if (!string.IsNullOrEmpty(other) && other != holder && ExpiresAt(lease) is { } expiry && expiry > now)
                {
                    throw new RolloutLockedException(
                        $"{What} is held by '{other}' until {expiry:yyyy-MM-dd'T'HH:mm:ss'Z'}: another run is working on Deployment {names.Namespace}/{names.Primary}. " +
                        "Try again later; a crashed run's lock expires by itself.");
                }

                var transitions = (lease.Spec?.LeaseTransitions ?? 0) + (other == holder ? 0 : 1);
                var acquired = other == holder && lease.Spec?.AcquireTime is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : now;
                lease.Spec = Spec(acquired, now, transitions);
                await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, names.Lock, names.Namespace, cancellationToken: cancellationToken);
                return;
            }
            catch (HttpOperationException e) when (e.IsConflict())
            {
                // Another run raced us for it: read again and judge its holder.
            }
            catch (HttpOperationException e)
            {
                throw new ClusterOperationException($"{What}: acquire failed: {e.Describe()}", e);
            }
        }

        throw new RolloutLockedException($"{What}: another run keeps taking it; try again later");
    }

    /// <summary>Extends the lease; throws RolloutLockedException when another run has taken it meanwhile.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        await CreateOrReplace.RunAsync(
            What,
            ReadAsync,
            _ => throw new RolloutLockedException($"{What} disappeared: another actor removed this run's lock"),
            (lease, ct) =>
            {
                if (lease.Spec?.HolderIdentity != holder)
                {
                    throw new RolloutLockedException($"{What} is now held by '{lease.Spec?.HolderIdentity}': this run lost its lock and stops");
                }

                lease.Spec.RenewTime = time.GetUtcNow().UtcDateTime;
                lease.Spec.LeaseDurationSeconds = Seconds;
                return client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, names.Lock, names.Namespace, cancellationToken: ct);
            },
            cancellationToken);
    }

    /// <summary>Gives the lease up (deletes it) if this run still holds it.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var lease = await ReadAsync(cancellationToken);
        if (lease?.Spec?.HolderIdentity == holder)
        {
            await CreateOrReplace.DeleteAsync(What,
                ct => client.CoordinationV1.DeleteNamespacedLeaseAsync(names.Lock, names.Namespace, cancellationToken: ct), cancellationToken);
        }
    }

    private int Seconds => (int)Math.Ceiling(duration.TotalSeconds);

    private V1LeaseSpec Spec(DateTimeOffset acquired, DateTimeOffset renewed, int transitions) => new()
    {
        HolderIdentity = holder,
        LeaseDurationSeconds = Seconds,
        AcquireTime = acquired.UtcDateTime,
        RenewTime = renewed.UtcDateTime,
        LeaseTransitions = transitions,
    };

    private static DateTimeOffset? ExpiresAt(V1Lease lease) =>
        lease.Spec?.RenewTime is { } renewed
            ? new DateTimeOffset(DateTime.SpecifyKind(renewed, DateTimeKind.Utc)) + TimeSpan.FromSeconds(lease.Spec.LeaseDurationSeconds ?? 0)
            : null;

    private Task<V1Lease?> ReadAsync(CancellationToken cancellationToken) =>
        CreateOrReplace.ReadAsync(What, ct => client.CoordinationV1.ReadNamespacedLeaseAsync(names.Lock, names.Namespace, cancellationToken: ct)!, cancellationToken);
}
