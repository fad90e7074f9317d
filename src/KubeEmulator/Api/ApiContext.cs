using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>What every endpoint shares: the store, what is served, and how objects are converted and admitted.</summary>
internal sealed record ApiContext(
    ObjectStore Store,
    ResourceCatalog Catalog,
    ObjectCodec Codec,
    MappingAdmission Admission,
    ChangeHistory History,
    EmulatorOptions Options);
