namespace KubeEmulator;

/// <summary>
/// Answers the API server's pod proxy, /api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy/{path}.
/// Returns null when nothing listens there (the emulator answers 503 then, as the real proxy does).
/// </summary>
public delegate Task<PodProxyResponse?> PodProxyHandler(PodProxyRequest request, CancellationToken cancellationToken);

public sealed record PodProxyRequest(string Namespace, string Pod, int Port, string Path, string Method);

public sealed record PodProxyResponse(int StatusCode, string ContentType, string Body);
