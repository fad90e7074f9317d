using k8s;
using k8s.Autorest;
using k8s.Models;
using NUnit.Framework;

namespace KubeEmulator.Tests.Api;

public sealed class PodProxyTests : EmulatorFixture
{
    private readonly List<PodProxyRequest> _seen = [];

    protected override EmulatorOptions CreateOptions() => new()
    {
        PodProxy = (request, _) =>
        {
            lock (_seen)
            {
                _seen.Add(request);
            }

            return Task.FromResult(request.Port == 8877
                ? new PodProxyResponse(200, "text/plain; version=0.0.4", "envoy_cluster_upstream_rq_total{envoy_cluster_name=\"web\"} 42\n")
                : null);
        },
    };

    [OneTimeSetUp]
    public async Task CreatePod() => await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = "ambassador-0", Labels = new Dictionary<string, string> { ["service"] = "ambassador" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "ambassador", Image = "emissary:3.10" }] },
    }, "default");

    [Test]
    public async Task The_pod_proxy_path_reaches_the_handler()
    {
        await using var stream = await Client.CoreV1.ConnectGetNamespacedPodProxyWithPathAsync("ambassador-0:8877", "default", "metrics");
        var body = await new StreamReader(stream).ReadToEndAsync();

        Assert.That(body, Does.Contain("envoy_cluster_upstream_rq_total"));
        Assert.That(_seen[^1], Is.EqualTo(new PodProxyRequest("default", "ambassador-0", 8877, "/metrics", "GET")));
        Assert.That(Emulator.Requests.Where("get", "pods/proxy")[^1].Name, Is.EqualTo("ambassador-0:8877"));
    }

    [Test]
    public async Task A_missing_pod_is_404_and_a_port_nobody_serves_is_503()
    {
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ConnectGetNamespacedPodProxyWithPathAsync("nope-0:8877", "default", "metrics"));
        var closed = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ConnectGetNamespacedPodProxyWithPathAsync("ambassador-0:9999", "default", "metrics"));

        Assert.That((int)missing!.Response.StatusCode, Is.EqualTo(404));
        Assert.That((int)closed!.Response.StatusCode, Is.EqualTo(503));
    }
}
