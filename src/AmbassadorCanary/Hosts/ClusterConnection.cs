using k8s;

namespace AmbassadorCanary.Hosts;

internal enum ClusterConnectionKind
{
    /// <summary>The kubeconfig input, written to a private temporary file.</summary>
    KubeconfigInput,

    /// <summary>The pod's service account (KUBERNETES_SERVICE_HOST and the mounted token).</summary>
    InCluster,

    /// <summary>$KUBECONFIG or ~/.kube/config, for a developer's terminal.</summary>
    DefaultKubeconfig,
}

/// <summary>
/// How to reach the cluster. Owns the temporary kubeconfig file, if any: dispose it at exit to delete the file.
/// </summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private int _disposed;

    internal ClusterConnection(ClusterConnectionKind kind, string? kubeconfigPath, string? context, bool ownsFile)
    {
        Kind = kind;
        KubeconfigPath = kubeconfigPath;
        Context = context;
        OwnsFile = ownsFile;
    }

    public ClusterConnectionKind Kind { get; }

    /// <summary>The kubeconfig file to load; null for in-cluster, and for the default lookup.</summary>
    public string? KubeconfigPath { get; }

    /// <summary>The context to use; null means the kubeconfig's current-context.</summary>
    public string? Context { get; }

    internal bool OwnsFile { get; }

    /// <summary>The client configuration for <c>new Kubernetes(config)</c>.</summary>
    public KubernetesClientConfiguration BuildClientConfiguration() => Kind switch
    {
        ClusterConnectionKind.InCluster => KubernetesClientConfiguration.InClusterConfig(),
        _ => KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath, Context),
    };

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && OwnsFile && KubeconfigPath is not null)
        {
            File.Delete(KubeconfigPath);
        }

        return ValueTask.CompletedTask;
    }
}
