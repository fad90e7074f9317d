using NUnit.Framework;

namespace AmbassadorCanary.Tests.Fixtures;

/// <summary>The fixture itself: it starts ready, scrapes its target, and leaves no process or folder behind.</summary>
[NonParallelizable]
public sealed class PrometheusServerTests
{
    [Test]
    public async Task Starts_ready_scrapes_the_target_and_cleans_up()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var target = await LoopbackHttpServer.StartAsync(bound.Token);
        target.Respond((_, _) => new CannedResponse(200, "# TYPE probe_total counter\nprobe_total 7\n", "text/plain; version=0.0.4"));
        var prometheus = await PrometheusServer.StartAsync([target.Url("metrics")], bound.Token);
        string folder;
        try
        {
            folder = prometheus.Folder;
            Assert.That(prometheus.Running, Is.True);
            Assert.That(prometheus.Url.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(Directory.Exists(folder), Is.True);
            var scrape = await target.NextRequestAsync(bound.Token);
            Assert.That(scrape.Path, Is.EqualTo("/metrics"));
            Assert.That(scrape.Header("User-Agent"), Does.StartWith("Prometheus/"));

            await prometheus.StopAsync();
            Assert.That(prometheus.Running, Is.False);
            Assert.That(Directory.Exists(folder), Is.True, "stopping keeps the folder until disposal");
        }
        finally
        {
            await prometheus.DisposeAsync();
        }

        Assert.That(Directory.Exists(folder), Is.False);
    }
}
