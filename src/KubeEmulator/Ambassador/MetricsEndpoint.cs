using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeEmulator.Ambassador;

/// <summary>A loopback HTTP listener serving the simulated Ambassador's stats, summed over its pods, at /metrics.</summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsEndpoint(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. http://127.0.0.1:41234/</summary>
    public Uri BaseUrl { get; }

    /// <summary>The scrape URL, e.g. http://127.0.0.1:41234/metrics</summary>
    public Uri MetricsUrl => new(BaseUrl, "metrics");

    internal static async Task<MetricsEndpoint> StartAsync(Func<string> metrics, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(MetricsEndpoint).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Path is { Value: "/metrics" or "/stats/prometheus" } && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.ContentType = EnvoyPrometheusWriter.ContentType;
                await context.Response.WriteAsync(metrics(), context.RequestAborted);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("metrics endpoint: Kestrel reported no listening address");
        return new MetricsEndpoint(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
