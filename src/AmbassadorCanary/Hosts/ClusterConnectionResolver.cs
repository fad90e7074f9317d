namespace AmbassadorCanary.Hosts;

/// <summary>
/// Decides how to reach the cluster: the kubeconfig input (content or base64) first, then in-cluster, then the
/// default kubeconfig. Secrets found in the kubeconfig are registered with the host before this returns.
/// </summary>
internal sealed class ClusterConnectionResolver(IPipelineHost host, HostEnvironment environment, Func<string, bool>? fileExists = null)
{
    public const string ServiceAccountTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    private readonly Func<string, bool> _fileExists = fileExists ?? File.Exists;

    /// <summary>True inside a pod with a mounted service account, as KubernetesClientConfiguration.IsInCluster checks.</summary>
    public bool IsInCluster =>
        !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_PORT"))
        && _fileExists(ServiceAccountTokenPath);

    /// <param name="kubeconfigInput">The kubeconfig input (content or base64), or null/empty.</param>
    /// <param name="context">The context input, or null/empty for the kubeconfig's current-context.</param>
    /// <exception cref="FormatException">Bad input; the message names the problem and quotes no secret.</exception>
    public async Task<ClusterConnection> ResolveAsync(string? kubeconfigInput, string? context, CancellationToken cancellationToken)
    {
        context = string.IsNullOrWhiteSpace(context) ? null : context.Trim();
        if (!string.IsNullOrWhiteSpace(kubeconfigInput))
        {
            return await FromInputAsync(kubeconfigInput, context, cancellationToken);
        }

        if (IsInCluster)
        {
            if (context is not null)
            {
                throw new FormatException($"context '{context}': a context needs a kubeconfig, but none was given and the in-cluster service account has no contexts");
            }

            return new ClusterConnection(ClusterConnectionKind.InCluster, null, null, ownsFile: false);
        }

        return new ClusterConnection(ClusterConnectionKind.DefaultKubeconfig, null, context, ownsFile: false);
    }

    /// <summary>A kubeconfig file the user named (the CLI's --kubeconfig); its secrets are masked, the file is kept.</summary>
    /// <exception cref="FormatException">Unreadable or not a kubeconfig, or the context is not in it.</exception>
    public async Task<ClusterConnection> ResolveFileAsync(string path, string? context, CancellationToken cancellationToken)
    {
        context = string.IsNullOrWhiteSpace(context) ? null : context.Trim();
        string content;
        try
        {
            content = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"kubeconfig {path}: cannot be read: {e.Message}", e);
        }

        var document = Inspect(content, context);
        return new ClusterConnection(ClusterConnectionKind.DefaultKubeconfig, path, context ?? document.CurrentContext, ownsFile: false);
    }

    private async Task<ClusterConnection> FromInputAsync(string input, string? context, CancellationToken cancellationToken)
    {
        // Base64 input carries every credential in one string: mask it as a whole before anything else.
        if (KubeconfigInput.IsBase64(input))
        {
            host.AddSecret(input.Trim());
        }

        var content = KubeconfigInput.Decode(input);
        var document = Inspect(content, context);

        var path = Path.Combine(environment.TempDirectory(), "ambassador-canary-kubeconfig-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            await WritePrivateFileAsync(path, content, cancellationToken);
        }
        catch
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            throw;
        }

        return new ClusterConnection(ClusterConnectionKind.KubeconfigInput, path, context ?? document.CurrentContext ?? document.Contexts[0], ownsFile: true);
    }

    /// <summary>Registers the kubeconfig's secrets with the host, then checks the context choice.</summary>
    private KubeconfigDocument Inspect(string content, string? context)
    {
        KubeconfigDocument document;
        try
        {
            document = KubeconfigDocument.Parse(content);
        }
        catch (FormatException)
        {
            // Unparsed, its secrets cannot be told apart: mask every line so no error path can print one.
            host.AddSecret(content);
            throw;
        }

        foreach (var secret in document.Secrets)
        {
            host.AddSecret(secret);
        }

        if (context is not null && !document.Contexts.Contains(context, StringComparer.Ordinal))
        {
            throw new FormatException($"context '{context}': not in the kubeconfig (contexts: {string.Join(", ", document.Contexts)})");
        }

        if (context is null && document.CurrentContext is null && document.Contexts.Count != 1)
        {
            throw new FormatException($"kubeconfig: no current-context; choose one with the context input (contexts: {string.Join(", ", document.Contexts)})");
        }

        return document;
    }

    /// <summary>Created with mode 0600 from the start: there is no moment the credentials are readable by others.</summary>
    private static async Task WritePrivateFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        await using (stream)
        {
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            await writer.WriteAsync(content.AsMemory(), cancellationToken);
        }
    }
}
