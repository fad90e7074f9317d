namespace KubeEmulator.Store;

/// <summary>A served resource, independent of version: the store keeps one copy per object whatever version wrote it.</summary>
public sealed record ResourceType(string Group, string Resource, string Kind, bool Namespaced = true)
{
    public static readonly ResourceType Namespaces = new("", "namespaces", "Namespace", Namespaced: false);
    public static readonly ResourceType Services = new("", "services", "Service");
    public static readonly ResourceType ConfigMaps = new("", "configmaps", "ConfigMap");
    public static readonly ResourceType Events = new("", "events", "Event");
    public static readonly ResourceType Pods = new("", "pods", "Pod");
    public static readonly ResourceType Deployments = new("apps", "deployments", "Deployment");
    public static readonly ResourceType Leases = new("coordination.k8s.io", "leases", "Lease");
    public static readonly ResourceType Mappings = new("getambassador.io", "mappings", "Mapping");

    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
