using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KubeEmulator.Api;

/// <summary>Every HTTP request: decode the path, log it, apply planned faults, route it, answer errors as a Status.</summary>
internal sealed class ApiDispatcher
{
    private readonly ApiContext _api;
    private readonly RequestLog _log;
    private readonly FaultInjector _faults;
    private readonly ResourceEndpoint _resources;
    private readonly PatchEndpoint _patches;
    private readonly WatchStream _watches;
    private readonly PodProxyEndpoint _proxy;
    private readonly CancellationToken _stopping;

    public ApiDispatcher(ApiContext api, RequestLog log, FaultInjector faults, CancellationToken stopping)
    {
        _api = api;
        _log = log;
        _faults = faults;
        _resources = new ResourceEndpoint(api);
        _patches = new PatchEndpoint(api, _resources);
        _watches = new WatchStream(api);
        _proxy = new PodProxyEndpoint(api);
        _stopping = stopping;
    }

    public async Task HandleAsync(HttpContext http)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping);
        var ct = linked.Token;
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "/";
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        ApiRequest? request = null;
        var logged = false;
        void Log(int status)
        {
            if (!logged)
            {
                logged = true;
                var r = request ?? new ApiRequest { Kind = ApiRequestKind.Discovery, Verb = method.ToLowerInvariant() };
                _log.Add(new RequestRecord(r.Verb, r.Group, r.Version, r.Resource, r.Subresource, r.Namespace, r.Name, status, _api.Options.Time.GetUtcNow(), method, path));
            }
        }

        try
        {
            request = ApiRequest.Parse(method, path, query.GetValueOrDefault("watch") is "true" or "1");
            if (_faults.Take(request) is { } fault)
            {
                await FaultAsync(http, request, fault, ct);
                Log(http.Response.StatusCode);
                return;
            }

            await RouteAsync(http, request, query, () => Log(200), ct);
            Log(http.Response.StatusCode);
        }
        catch (ApiException e)
        {
            await WriteJsonAsync(http, e.Code, StatusBodies.Failure(e.Code, e.Reason, e.Message, e.Details), [], ct);
            Log(e.Code);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Log(0);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            // An emulator bug: answer as the API server does for a panic, with the cause in the message.
            await WriteJsonAsync(http, 500, StatusBodies.Failure(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}", null), [], ct);
            Log(500);
        }
    }

    private async Task RouteAsync(HttpContext http, ApiRequest request, Dictionary<string, string> query, Action started, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case ApiRequestKind.Discovery:
                await WriteJsonAsync(http, 200, Discovery(request), [], ct);
                return;
            case ApiRequestKind.PodProxy:
                var answer = await _proxy.ForwardAsync(request, http.Request.Method, http.Request.QueryString.Value ?? "", ct);
                http.Response.StatusCode = answer.StatusCode;
                http.Response.ContentType = answer.ContentType;
                await http.Response.WriteAsync(answer.Body, ct);
                return;
        }

        var served = _resources.Resolve(request);
        if (request.Verb == "watch")
        {
            await _watches.RunAsync(http, request, served, query, started, ct);
            return;
        }

        var result = request.Verb switch
        {
            "get" => _resources.Get(request, served),
            "list" => _resources.List(request, served, query),
            "create" => _resources.Create(request, served, await ReadObjectAsync(http, ct)),
            "update" => _resources.Replace(request, served, await ReadObjectAsync(http, ct)),
            "patch" => _patches.Patch(request, served, http.Request.ContentType, await ReadBodyAsync(http, ct)),
            "delete" => _resources.Delete(request, served),
            _ => throw ApiException.MethodNotAllowed(),
        };
        await WriteJsonAsync(http, result.StatusCode, result.Body, result.Warnings, ct);
    }

    private JsonNode Discovery(ApiRequest request)
    {
        if (request.Verb != "get")
        {
            throw ApiException.MethodNotAllowed();
        }

        var catalog = _api.Catalog;
        JsonNode? doc = request switch
        {
            { NamedGroups: false, Version: "" } => DiscoveryDocuments.CoreVersions(),
            { NamedGroups: false } => DiscoveryDocuments.ResourceList(catalog, "", request.Version),
            { Group: "" } => DiscoveryDocuments.GroupList(catalog),
            { Version: "" } => DiscoveryDocuments.GroupDocument(catalog, request.Group),
            _ => DiscoveryDocuments.ResourceList(catalog, request.Group, request.Version),
        };
        return doc ?? throw ApiException.NoRoute();
    }

    private static async Task FaultAsync(HttpContext http, ApiRequest request, FaultRule fault, CancellationToken ct)
    {
        switch (fault.Kind)
        {
            case FaultKind.Hang:
                await Task.Delay(Timeout.Infinite, ct);
                return;
            case FaultKind.TooManyRequests:
                var seconds = Math.Max(1, (int)Math.Ceiling(fault.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await WriteJsonAsync(http, 429, StatusBodies.Failure(429, "TooManyRequests", "Too many requests, please try again later.",
                    new JsonObject { ["retryAfterSeconds"] = seconds }), [], ct);
                return;
            case FaultKind.Conflict:
                await WriteJsonAsync(http, 409, StatusBodies.Failure(409, "Conflict",
                    $"Operation cannot be fulfilled on {request.Resource} \"{request.Name}\": the object has been modified; please apply your changes to the latest version and try again",
                    new JsonObject { ["name"] = request.Name, ["group"] = request.Group, ["kind"] = request.Resource }), [], ct);
                return;
            default:
                await WriteJsonAsync(http, 500, StatusBodies.Failure(500, "InternalError", "Internal error occurred: injected fault", null), [], ct);
                return;
        }
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {e.Message}");
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext http, CancellationToken ct) =>
        await ReadBodyAsync(http, ct) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");

    private static async Task WriteJsonAsync(HttpContext http, int status, JsonNode body, IReadOnlyList<string> warnings, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        foreach (var warning in warnings)
        {
            http.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await http.Response.Body.WriteAsync(JsonText.Utf8(body), ct);
    }
}
