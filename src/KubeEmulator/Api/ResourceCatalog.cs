using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>What the emulated cluster serves, which depends on the Ambassador CRD set installed.</summary>
internal sealed class ResourceCatalog
{
    private readonly List<ServedResource> _resources;

    public ResourceCatalog(AmbassadorCrdSet crdSet)
    {
        CrdSet = crdSet;
        _resources =
        [
            new(ResourceType.Namespaces, "v1", "namespace", ["ns"], HasStatus: true),
            new(ResourceType.Services, "v1", "service", ["svc"], HasStatus: true),
            new(ResourceType.ConfigMaps, "v1", "configmap", ["cm"], HasStatus: false),
            new(ResourceType.Events, "v1", "event", ["ev"], HasStatus: false),
            new(ResourceType.Pods, "v1", "pod", ["po"], HasStatus: true),
            new(ResourceType.Deployments, "v1", "deployment", ["deploy"], HasStatus: true),
            new(ResourceType.Leases, "v1", "lease", [], HasStatus: false),
        ];
        foreach (var version in MappingVersions.Served(crdSet))
        {
            _resources.Add(new ServedResource(ResourceType.Mappings, version, "mapping", [], HasStatus: true));
        }
    }

    public AmbassadorCrdSet CrdSet { get; }

    public IReadOnlyList<ServedResource> All => _resources;

    public ServedResource? Find(string group, string version, string resource) =>
        _resources.FirstOrDefault(r => r.Group == group && r.Version == version && r.Type.Resource == resource);

    public IEnumerable<ServedResource> InGroupVersion(string group, string version) =>
        _resources.Where(r => r.Group == group && r.Version == version);

    /// <summary>Named groups (not core) with their versions, preferred first as the API server orders them.</summary>
    public IEnumerable<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        _resources
            .Where(r => r.Group.Length > 0)
            .GroupBy(r => r.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(r => r.Version).Distinct().Order(KubeVersionOrder.Instance)]));
}
