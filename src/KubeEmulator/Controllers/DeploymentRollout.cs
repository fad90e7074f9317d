namespace KubeEmulator.Controllers;

/// <summary>What the controller remembers about one Deployment: the generation it works on and the pods it owns.</summary>
internal sealed class DeploymentRollout(string ns, string name)
{
    public string Namespace { get; } = ns;

    public string Name { get; } = name;

    public long Generation { get; set; } = -1;

    public string Hash { get; set; } = "";

    public int Replicas { get; set; }

    public bool NeverReady { get; set; }

    public RolloutProgress Progress { get; set; }

    public ITimer? Deadline { get; set; }

    public Dictionary<string, TrackedPod> Pods { get; } = new(StringComparer.Ordinal);

    public void StopTimers()
    {
        Deadline?.Dispose();
        Deadline = null;
        foreach (var pod in Pods.Values)
        {
            pod.ReadyTimer?.Dispose();
            pod.ReadyTimer = null;
        }
    }
}

internal sealed class TrackedPod(string name, string hash, int createdOrder)
{
    public string Name { get; } = name;

    public string Hash { get; } = hash;

    public int CreatedOrder { get; } = createdOrder;

    public bool Ready { get; set; }

    public ITimer? ReadyTimer { get; set; }
}
