using System.Text.Json.Nodes;
using KubeEmulator.Ambassador;
using KubeEmulator.Store;
using NUnit.Framework;

namespace KubeEmulator.Tests.Ambassador;

[TestFixture]
public sealed class AmbassadorRoutingTests
{
    private SimulatedCluster _cluster = null!;

    [SetUp]
    public void SetUp()
    {
        _cluster = new SimulatedCluster();
        _cluster.AddApp("web", "example/web:1.0");
        _cluster.AddApp("web-canary", "example/web:2.0");
    }

    [TearDown]
    public void TearDown()
    {
        Assert.That(_cluster.Ambassador?.Failures, Is.Null.Or.Empty);
        Assert.That(_cluster.Controller.Failures, Is.Empty);
        _cluster.Dispose();
    }

    [Test]
    public void Weight_90_10_over_10000_requests_lands_within_one_and_a_half_points()
    {
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-canary", SimulatedCluster.Spec("web-canary", extra: new JsonObject { ["weight"] = 10 }));
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 100 } });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(100));
        var traffic = ambassador.GetTraffic();

        Assert.That(traffic.Requests, Is.EqualTo(10_000));
        var canaryShare = 100.0 * traffic.MappingRequests("default/web-canary") / traffic.Requests;
        Assert.That(canaryShare, Is.EqualTo(10).Within(1.5));
        Assert.That(traffic.MappingRequests("default/web") + traffic.MappingRequests("default/web-canary"), Is.EqualTo(10_000));
        Assert.That(traffic.Images["example/web:2.0"], Is.EqualTo(traffic.MappingRequests("default/web-canary")));
    }

    [Test]
    public void Unweighted_mappings_share_what_the_weighted_ones_leave()
    {
        _cluster.AddApp("web-b", "example/web:1.0-b");
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-b", SimulatedCluster.Spec("web-b"));
        _cluster.AddMapping("web-canary", SimulatedCluster.Spec("web-canary", extra: new JsonObject { ["weight"] = 20 }));
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 100 } });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(100));
        var traffic = ambassador.GetTraffic();

        Assert.Multiple(() =>
        {
            Assert.That(100.0 * traffic.MappingRequests("default/web") / traffic.Requests, Is.EqualTo(40).Within(1.5));
            Assert.That(100.0 * traffic.MappingRequests("default/web-b") / traffic.Requests, Is.EqualTo(40).Within(1.5));
            Assert.That(100.0 * traffic.MappingRequests("default/web-canary") / traffic.Requests, Is.EqualTo(20).Within(1.5));
        });
    }

    [Test]
    public void Header_route_wins_for_matching_requests_only()
    {
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-canary-header", SimulatedCluster.Spec("web-canary", extra: new JsonObject
        {
            ["headers"] = new JsonObject { ["x-canary"] = "always" },
        }));
        var traffic = new TrafficProfile
        {
            RequestsPerSecond = 100,
            Segments = [new TrafficSegment { Share = 0.2, Headers = new Dictionary<string, string> { ["X-Canary"] = "always" } },
                new TrafficSegment { Share = 0.1, Headers = new Dictionary<string, string> { ["x-canary"] = "never" } }],
        };
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = traffic });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(100));
        var routed = ambassador.GetTraffic();

        Assert.That(100.0 * routed.MappingRequests("default/web-canary-header") / routed.Requests, Is.EqualTo(20).Within(1.5));
        Assert.That(routed.MappingRequests("default/web") + routed.MappingRequests("default/web-canary-header"), Is.EqualTo(routed.Requests));

        // Only the header decides: with no request carrying it, the header route gets nothing.
        ambassador.SetTraffic(new TrafficProfile { RequestsPerSecond = 100 });
        var before = routed.MappingRequests("default/web-canary-header");
        _cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(ambassador.GetTraffic().MappingRequests("default/web-canary-header"), Is.EqualTo(before));
    }

    [Test]
    public void Cookie_route_through_regex_headers_wins_for_matching_requests_only()
    {
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-canary-cookie", SimulatedCluster.Spec("web-canary", extra: new JsonObject
        {
            ["regex_headers"] = new JsonObject { ["cookie"] = @"^(.*?;\s*)?(canary=always)(;.*)?$" },
        }));
        var traffic = new TrafficProfile
        {
            RequestsPerSecond = 100,
            Segments = [new TrafficSegment { Share = 0.3, Cookie = "session=abc; canary=always; theme=dark" },
                new TrafficSegment { Share = 0.3, Cookie = "session=abc; canary=never" }],
        };
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = traffic });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(100));
        var routed = ambassador.GetTraffic();

        Assert.That(100.0 * routed.MappingRequests("default/web-canary-cookie") / routed.Requests, Is.EqualTo(30).Within(1.5));
    }

    [Test]
    public void Shadow_mapping_gets_copies_without_changing_the_answer()
    {
        _cluster.AddApp("web-shadow", "example/web:3.0");
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-shadow", SimulatedCluster.Spec("web-shadow", extra: new JsonObject { ["shadow"] = true }));
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 50 } });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(20));
        var routed = ambassador.GetTraffic();

        Assert.Multiple(() =>
        {
            Assert.That(routed.MappingRequests("default/web"), Is.EqualTo(1000));
            Assert.That(routed.MappingRequests("default/web-shadow"), Is.Zero);
            Assert.That(routed.ShadowCopies, Is.EqualTo(1000));
            Assert.That(routed.Cluster("web_shadow").UpstreamRequests, Is.EqualTo(1000));
            Assert.That(routed.Cluster("web").UpstreamRequests, Is.EqualTo(1000));
        });
    }

    [Test]
    public void Ambassador_0x_annotation_mappings_route()
    {
        _cluster.Store.Update(ResourceType.Services, "default", "web", s =>
        {
            s["metadata"]!["annotations"] = new JsonObject
            {
                ["getambassador.io/config"] = """
                    ---
                    apiVersion: ambassador/v1
                    kind: Mapping
                    name: web_mapping
                    prefix: /
                    service: web.default:80
                    ---
                    apiVersion: ambassador/v1
                    kind: Mapping
                    name: web_canary_mapping
                    prefix: /
                    service: web-canary.default
                    weight: 25
                    ---
                    apiVersion: ambassador/v1
                    kind: Module
                    name: ambassador
                    config: {}
                    """,
            };
            return s;
        });
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 100 } });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(100));
        var routed = ambassador.GetTraffic();

        Assert.That(100.0 * routed.MappingRequests("default/web_canary_mapping") / routed.Requests, Is.EqualTo(25).Within(1.5));
        Assert.That(routed.Clusters.Keys, Is.EquivalentTo(new[] { "web_default_80", "web_canary_default" }));
    }

    [Test]
    public void Routing_honours_ambassador_id_hostname_and_version_dialects()
    {
        _cluster.AddMapping("web", SimulatedCluster.Spec("web", extra: new JsonObject { ["host"] = "example.com", ["ambassador_id"] = "default" }), "v2");
        _cluster.AddMapping("other-instance", SimulatedCluster.Spec("web-canary", extra: new JsonObject
        {
            ["ambassador_id"] = new JsonArray("blue"),
            ["precedence"] = 10,
        }));
        _cluster.AddMapping("other-host", SimulatedCluster.Spec("web-canary", extra: new JsonObject { ["hostname"] = "*.other.org", ["precedence"] = 10 }));
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 10 } });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(ambassador.GetTraffic().MappingRequests("default/web"), Is.EqualTo(100));

        ambassador.SetTraffic(new TrafficProfile { RequestsPerSecond = 10, Host = "api.other.org" });
        _cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        var routed = ambassador.GetTraffic();
        Assert.That(routed.MappingRequests("default/other-host"), Is.EqualTo(100));
        Assert.That(routed.MappingRequests("default/other-instance"), Is.Zero);
    }

    [Test]
    public void Traffic_before_a_change_is_routed_as_it_was_before_the_change()
    {
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-canary", SimulatedCluster.Spec("web-canary", extra: new JsonObject { ["weight"] = 0 }));
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 100 } });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        _cluster.Store.Update(ResourceType.Mappings, "default", "web-canary", m =>
        {
            m["spec"]!["weight"] = 100;
            return m;
        });
        _cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        var routed = ambassador.GetTraffic();

        Assert.That(routed.MappingRequests("default/web"), Is.EqualTo(1000));
        Assert.That(routed.MappingRequests("default/web-canary"), Is.EqualTo(1000));
    }

    [Test]
    public void A_canary_without_ready_pods_answers_503_on_its_cluster()
    {
        var cluster = new SimulatedCluster(controller: new KubeEmulator.Controllers.DeploymentControllerOptions
        {
            ReadyDelay = SimulatedCluster.ReadyDelay,
            NeverReadyImages = new HashSet<string> { "example/web:broken" },
        });
        try
        {
            cluster.AddApp("web", "example/web:1.0");
            cluster.AddApp("web-canary", "example/web:broken");
            cluster.AddMapping("web", SimulatedCluster.Spec("web", extra: new JsonObject { ["stats_name"] = "web-primary" }));
            cluster.AddMapping("web-canary", SimulatedCluster.Spec("web-canary", extra: new JsonObject { ["weight"] = 50, ["stats_name"] = "web-canary" }));
            var ambassador = cluster.StartAmbassador(new AmbassadorSimulatorOptions { Traffic = new TrafficProfile { RequestsPerSecond = 100 } });

            cluster.Clock.Advance(TimeSpan.FromSeconds(10));
            var canary = ambassador.GetTraffic().Cluster("web-canary");

            Assert.That(canary.Responses, Is.GreaterThan(300));
            Assert.That(canary.ByStatusCode, Is.EquivalentTo(new Dictionary<int, long> { [503] = canary.Responses }));
            Assert.That(canary.UpstreamRequests, Is.Zero);
            Assert.That(canary.NoHealthyUpstream, Is.EqualTo(canary.Responses));
        }
        finally
        {
            cluster.Dispose();
        }
    }

    [Test]
    public void Error_rate_of_an_image_shows_as_5xx_share()
    {
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-canary", SimulatedCluster.Spec("web-canary", extra: new JsonObject { ["weight"] = 50 }));
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions
        {
            Traffic = new TrafficProfile { RequestsPerSecond = 100 },
            Images = new Dictionary<string, BackendBehaviour> { ["example/web:2.0"] = new() { ErrorRate = 0.1, ErrorStatusCode = 502 } },
        });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(100));
        var routed = ambassador.GetTraffic();
        var canary = routed.Cluster("web_canary");

        Assert.That(100.0 * canary.ByStatusCode[502] / canary.Responses, Is.EqualTo(10).Within(1.5));
        Assert.That(routed.Cluster("web").Errors5xx, Is.Zero);
    }

    [Test]
    public void A_mapping_with_an_invalid_regex_never_matches_and_breaks_nothing()
    {
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-broken", SimulatedCluster.Spec("web-canary", extra: new JsonObject
        {
            ["regex_headers"] = new JsonObject { ["x-canary"] = "(unclosed" },
        }));
        var ambassador = _cluster.StartAmbassador(new AmbassadorSimulatorOptions
        {
            Traffic = new TrafficProfile
            {
                RequestsPerSecond = 10,
                Segments = [new TrafficSegment { Share = 1, Headers = new Dictionary<string, string> { ["x-canary"] = "(unclosed" } }],
            },
        });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.That(ambassador.GetTraffic().MappingRequests("default/web"), Is.EqualTo(100));
    }

    [Test]
    public void Same_seed_same_traffic()
    {
        _cluster.AddMapping("web", SimulatedCluster.Spec("web"));
        _cluster.AddMapping("web-canary", SimulatedCluster.Spec("web-canary", extra: new JsonObject { ["weight"] = 30 }));
        var first = _cluster.StartAmbassador(new AmbassadorSimulatorOptions { Seed = 7 });
        using var second = new AmbassadorSimulator(_cluster.Store, _cluster.Clock, new AmbassadorSimulatorOptions { Seed = 7 });

        _cluster.Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.That(second.GetMetricsText(), Is.EqualTo(first.GetMetricsText()));
    }
}
