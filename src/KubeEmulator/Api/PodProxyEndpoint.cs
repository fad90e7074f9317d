using System.Globalization;
using KubeEmulator.Store;

namespace KubeEmulator.Api;

/// <summary>/api/v1/namespaces/{ns}/pods/{[scheme:]pod[:port]}/proxy/{path}: 404 without the pod, 503 when nothing answers.</summary>
internal sealed class PodProxyEndpoint
{
    private readonly ApiContext _api;

    public PodProxyEndpoint(ApiContext api) => _api = api;

    public async Task<PodProxyResponse> ForwardAsync(ApiRequest request, string method, string queryString, CancellationToken ct)
    {
        var parts = (request.Name ?? "").Split(':');
        var (pod, portText) = parts.Length switch
        {
            1 => (parts[0], ""),
            2 => (parts[0], parts[1]),
            _ => (parts[1], parts[2]),
        };
        var port = portText.Length == 0 ? 80 : int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        if (request.Namespace is null || _api.Store.Get(ResourceType.Pods, request.Namespace, pod) is null)
        {
            throw ApiException.NotFound(ResourceType.Pods, pod);
        }

        var handler = _api.Options.PodProxy;
        var response = handler is null
            ? null
            : await handler(new PodProxyRequest(request.Namespace, pod, port, "/" + request.ProxyPath + queryString, method), ct);
        return response ?? throw new ApiException(503, "ServiceUnavailable",
            $"error trying to reach service: dial tcp {pod}:{port}: connect: connection refused");
    }
}
