using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeEmulator.Store;
using Microsoft.AspNetCore.Http;

namespace KubeEmulator.Api;

/// <summary>
/// ?watch=true: newline-delimited WatchEvents. Without a resourceVersion (or "0") it starts with ADDED for every object,
/// as the API server does; with one it replays the kept history after it, or sends a 410 Expired ERROR when that is gone.
/// </summary>
internal sealed class WatchStream
{
    private readonly ApiContext _api;

    public WatchStream(ApiContext api) => _api = api;

    public async Task RunAsync(HttpContext http, ApiRequest request, ServedResource served, IReadOnlyDictionary<string, string> query, Action started, CancellationToken ct)
    {
        var filter = ObjectFilter.FromQuery(query);
        var live = Channel.CreateUnbounded<ObjectChange>(new UnboundedChannelOptions { SingleReader = true });
        void OnChanged(object? sender, ObjectChange change)
        {
            if (change.Resource == served.Type && (request.Namespace is null || change.Namespace == request.Namespace))
            {
                live.Writer.TryWrite(change);
            }
        }

        _api.Store.Changed += OnChanged;
        try
        {
            using var timeout = Timeout(query, ct);
            var token = timeout.Token;
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            started();
            await http.Response.StartAsync(token);

            var resourceVersion = query.GetValueOrDefault("resourceVersion");
            var (initial, skip, after) = Start(request, served, resourceVersion);
            if (initial.Count == 1 && initial[0].Type == "ERROR")
            {
                await SendAsync(http, "ERROR", initial[0].Object, token);
                return;
            }

            // What the client currently sees, so that objects entering or leaving the selector are ADDED or DELETED as the watch cache does.
            var visible = string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0"
                ? []
                : _api.Store.List(served.Type, request.Namespace).Where(filter.Matches).Select(KeyOf).ToHashSet();
            foreach (var (type, obj) in initial)
            {
                await SendIfVisibleAsync(http, type, obj, filter, visible, served, token);
            }

            await foreach (var change in live.Reader.ReadAllAsync(token))
            {
                if (change.ResourceVersion > after && !skip.Contains(change.ResourceVersion))
                {
                    await SendIfVisibleAsync(http, EventType(change.Type), change.Object, filter, visible, served, token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, the timeout passed, or the emulator stops: the stream just ends.
        }
        finally
        {
            _api.Store.Changed -= OnChanged;
        }
    }

    private (List<(string Type, JsonObject Object)> Initial, HashSet<long> Skip, long After) Start(ApiRequest request, ServedResource served, string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
        {
            var after = _api.Store.CurrentResourceVersion;
            var existing = _api.Store.List(served.Type, request.Namespace).Select(o => ("ADDED", o)).ToList();
            return (existing, [], after);
        }

        if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            throw ApiException.BadRequest($"invalid resource version: {resourceVersion}");
        }

        var history = _api.History.Since(from);
        if (history is null)
        {
            var expired = StatusBodies.Failure(410, "Expired", $"too old resource version: {from} ({_api.Store.CurrentResourceVersion})", null);
            return ([("ERROR", expired)], [], from);
        }

        var replay = history
            .Where(c => c.Resource == served.Type && (request.Namespace is null || c.Namespace == request.Namespace))
            .ToList();
        return ([.. replay.Select(c => (EventType(c.Type), c.Object))], [.. history.Select(c => c.ResourceVersion)], from);
    }

    private static async Task SendIfVisibleAsync(
        HttpContext http, string type, JsonObject obj, ObjectFilter filter, HashSet<(string?, string?)> visible, ServedResource served, CancellationToken ct)
    {
        var key = KeyOf(obj);
        var matches = filter.Matches(obj);
        var wasVisible = visible.Contains(key);
        var sent = (type, matches, wasVisible) switch
        {
            ("DELETED", _, _) when matches || wasVisible => "DELETED",
            ("ADDED", true, _) => "ADDED",
            ("MODIFIED", true, true) => "MODIFIED",
            ("MODIFIED", true, false) => "ADDED",
            ("MODIFIED", false, true) => "DELETED",
            _ => null,
        };
        if (sent is null)
        {
            return;
        }

        if (sent == "DELETED")
        {
            visible.Remove(key);
        }
        else
        {
            visible.Add(key);
        }

        await SendAsync(http, sent, ObjectCodec.ToOutput(obj, served), ct);
    }

    private static (string?, string?) KeyOf(JsonObject obj) => ((string?)obj["metadata"]?["namespace"], (string?)obj["metadata"]?["name"]);

    private static void CancelQuietly(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream already ended.
        }
    }

    private static string EventType(ChangeType type) => type switch
    {
        ChangeType.Added => "ADDED",
        ChangeType.Modified => "MODIFIED",
        _ => "DELETED",
    };

    private static async Task SendAsync(HttpContext http, string type, JsonObject obj, CancellationToken ct)
    {
        await http.Response.Body.WriteAsync(JsonText.Utf8(new JsonObject { ["type"] = type, ["object"] = obj }, newline: true), ct);
        await http.Response.Body.FlushAsync(ct);
    }

    private CancellationTokenSource Timeout(IReadOnlyDictionary<string, string> query, CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (query.TryGetValue("timeoutSeconds", out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            var timer = _api.Options.Time.CreateTimer(_ => CancelQuietly(cts), null, TimeSpan.FromSeconds(seconds), System.Threading.Timeout.InfiniteTimeSpan);
            cts.Token.Register(() => timer.Dispose());
        }

        return cts;
    }
}
