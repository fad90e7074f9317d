namespace AmbassadorCanary.Preview;

/// <summary>Labels a preview's objects carry, next to the canary's <c>canary.ambassador/primary</c>.</summary>
internal static class PreviewLabels
{
    /// <summary>Value of <c>canary.ambassador/role</c> on preview objects and pods.</summary>
    public const string RoleValue = "preview";

    /// <summary>The preview's name (pr-123), so `kubectl get deploy -l canary.ambassador/preview` lists them all.</summary>
    public const string Name = "canary.ambassador/preview";
}
