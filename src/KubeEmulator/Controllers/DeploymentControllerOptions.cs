namespace KubeEmulator.Controllers;

/// <summary>How the simulated Deployment controller behaves.</summary>
public sealed record DeploymentControllerOptions
{
    /// <summary>Time from a spec change until the new pods are ready (simulated time when the store's clock is a VirtualClock).</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Container images whose pods never become ready (exact image strings, e.g. "web:broken").</summary>
    public IReadOnlySet<string> NeverReadyImages { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Optional rule on top of <see cref="NeverReadyImages"/>: an image for which it returns true never becomes ready.</summary>
    public Func<string, bool>? IsNeverReady { get; init; }

    /// <summary>Seed for the random part of pod names, so names repeat from run to run.</summary>
    public int Seed { get; init; } = 1;

    internal bool NeverReady(string image) => NeverReadyImages.Contains(image) || (IsNeverReady?.Invoke(image) ?? false);
}
