namespace KubeEmulator;

/// <summary>Which getambassador.io versions the emulated cluster serves.</summary>
public enum AmbassadorCrdSet
{
    /// <summary>Emissary 3.x: v1, v2 and v3alpha1 (stored as v2, converted on read).</summary>
    Emissary3,

    /// <summary>Emissary 4.x defaults: v3alpha1 only.</summary>
    Emissary4,

    /// <summary>No Ambassador CRDs installed.</summary>
    None,
}

public sealed record EmulatorOptions
{
    public AmbassadorCrdSet CrdSet { get; init; } = AmbassadorCrdSet.Emissary3;

    /// <summary>Clock for timestamps and simulated controllers. Tests and the sandbox pass a VirtualClock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Directory holding the Emissary CRD YAML files (../shared/crds). When null, Mapping writes get only the built-in structural check.</summary>
    public string? CrdDirectory { get; init; }

    /// <summary>Serves the pod proxy (the simulated Ambassador's admin port lives behind it).</summary>
    public PodProxyHandler? PodProxy { get; init; }
}
