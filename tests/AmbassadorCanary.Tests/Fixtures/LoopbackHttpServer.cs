using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmbassadorCanary.Tests.Fixtures;

/// <summary>What the server received: method, path, query, headers (last value per name) and the body as text.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One answer: a status and a body, or Hang (no answer until the client gives up or the server stops).</summary>
public sealed record CannedResponse(int Status, string Body = "", string ContentType = "text/plain")
{
    public static readonly CannedResponse Hang = new(-1);

    public static CannedResponse Json(string body, int status = 200) => new(status, body, "application/json");
}

/// <summary>
/// A tiny Kestrel server on 127.0.0.1 (free port) for webhook tests and as a fake HTTP target: answers each call with
/// the next canned response (the last one repeats) or a responder function, and records every request.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();
    private Func<RecordedRequest, int, CannedResponse> _responder = (_, _) => new CannedResponse(200, "ok");

    private LoopbackHttpServer(WebApplication app, CancellationTokenSource stopping)
    {
        _app = app;
        _stopping = stopping;
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts on http://127.0.0.1:{free port}/.</summary>
    public static Task<LoopbackHttpServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>Starts on https://127.0.0.1:{free port}/ with this certificate (with its private key).</summary>
    public static Task<LoopbackHttpServer> StartHttpsAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default) =>
        StartAsync(certificate, cancellationToken);

    private static async Task<LoopbackHttpServer> StartAsync(X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var server = new LoopbackHttpServer(app, stopping);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <summary>Answers call i (0-based) with responses[i], and every later call with the last one.</summary>
    public void AnswerInOrder(params CannedResponse[] responses)
    {
        ArgumentOutOfRangeException.ThrowIfZero(responses.Length);
        Respond((_, i) => responses[Math.Min(i, responses.Length - 1)]);
    }

    /// <summary>Answers with a function of the request and its 0-based call index.</summary>
    public void Respond(Func<RecordedRequest, int, CannedResponse> responder)
    {
        lock (_gate)
        {
            _responder = responder;
        }
    }

    /// <summary>Waits for the next request to arrive (bounded by the token), in arrival order.</summary>
    public async Task<RecordedRequest> NextRequestAsync(CancellationToken cancellationToken) =>
        await _arrivals.Reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "", headers, body);
        Func<RecordedRequest, int, CannedResponse> responder;
        int index;
        lock (_gate)
        {
            index = _requests.Count;
            _requests.Add(request);
            responder = _responder;
        }

        _arrivals.Writer.TryWrite(request);
        var answer = responder(request, index);
        if (answer.Status < 0)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }
}
