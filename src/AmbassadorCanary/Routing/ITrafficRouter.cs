using System.Text.Json.Nodes;

namespace AmbassadorCanary.Routing;

/// <summary>
/// Sends a share of the primary's traffic to the canary. One implementation per ingress dialect, one file each.
/// The primary route is found (and checked) before the router is built; every method is idempotent.
/// </summary>
internal interface ITrafficRouter
{
    PrimaryRoute Primary { get; }

    RouteNames Names { get; }

    /// <summary>The objects Reconcile and SetWeight(weight) would write, exactly; nothing is written.</summary>
    IReadOnlyList<JsonObject> Plan(int weight);

    /// <summary>Creates or updates the canary route (keeping its current weight, 0 when new), the header route, and the primary's stats_name.</summary>
    Task ReconcileAsync(CancellationToken cancellationToken);

    /// <summary>Sets the canary's share of traffic, 0 to 100. Setting 0 when there is no canary route does nothing.</summary>
    Task SetWeightAsync(int weight, CancellationToken cancellationToken);

    /// <summary>The canary weight as the cluster has it; null when there is no canary route.</summary>
    Task<int?> GetWeightAsync(CancellationToken cancellationToken);

    /// <summary>Removes the canary and header routes. The primary route is left as it is.</summary>
    Task FinalizeAsync(CancellationToken cancellationToken);
}
