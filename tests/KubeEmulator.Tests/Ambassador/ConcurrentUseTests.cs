using System.Text.Json.Nodes;
using KubeEmulator.Ambassador;
using KubeEmulator.Store;
using NUnit.Framework;

namespace KubeEmulator.Tests.Ambassador;

/// <summary>Writers, readers and the clock on several threads at once, as behind the HTTP emulator: no deadlock, consistent totals.</summary>
[TestFixture]
public sealed class ConcurrentUseTests
{
    [Test]
    public async Task Writes_reads_and_time_from_several_threads_keep_the_totals_consistent()
    {
        using var cluster = new SimulatedCluster();
        cluster.AddApp("web", "example/web:1.0");
        cluster.AddApp("web-canary", "example/web:2.0");
        cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        cluster.AddMapping("web-canary", SimulatedCluster.Spec("web-canary", extra: new JsonObject { ["weight"] = 10 }));
        var ambassador = cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 50 } });

        var weights = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                cluster.Store.Update(ResourceType.Mappings, "default", "web-canary", m =>
                {
                    m["spec"]!["weight"] = i % 100;
                    return m;
                });
            }
        });
        var rollouts = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                cluster.Store.Update(ResourceType.Deployments, "default", "web-canary", d =>
                {
                    d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = $"example/web:2.{i}";
                    return d;
                });
            }
        });
        var readers = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                _ = ambassador.GetMetricsText();
                _ = ambassador.GetTraffic();
            }
        });
        var clock = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        });

        // A guard against a deadlock hanging the run, not a timing assertion.
        await Task.WhenAll(weights, rollouts, readers, clock).WaitAsync(TimeSpan.FromMinutes(1));

        var routed = ambassador.GetTraffic();
        Assert.That(cluster.Controller.Failures, Is.Empty);
        Assert.That(routed.Requests, Is.GreaterThanOrEqualTo(200 * 50));
        Assert.That(routed.Mappings.Values.Sum() + routed.Unrouted + routed.NoIngress, Is.EqualTo(routed.Requests));
        Assert.That(routed.Clusters.Values.Sum(c => c.Responses), Is.EqualTo(routed.Mappings.Values.Sum()));
    }
}
