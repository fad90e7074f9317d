using AmbassadorCanary.Analysis.Providers;
using AmbassadorCanary.Spec;
using AmbassadorCanary.Tests.Fixtures;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis.Providers;

/// <summary>A Prometheus behind TLS with a private CA: trusted only with that CA's PEM file.</summary>
public sealed class PrometheusTlsTests
{
    private const string Answer = """{"status":"success","data":{"resultType":"scalar","result":[1767225600,"1"]}}""";

    private TestCertificates _certificates = null!;
    private LoopbackHttpServer _server = null!;
    private DirectoryInfo _folder = null!;

    [SetUp]
    public async Task Start()
    {
        _certificates = new TestCertificates();
        _server = await LoopbackHttpServer.StartHttpsAsync(_certificates.Server);
        _server.AnswerInOrder(CannedResponse.Json(Answer));
        _folder = Directory.CreateTempSubdirectory("prometheus-ca-");
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        _certificates.Dispose();
        _folder.Delete(recursive: true);
    }

    [Test]
    public async Task The_CA_file_makes_the_server_trusted()
    {
        var spec = new PrometheusSpec { Url = _server.BaseUrl, CaFile = _certificates.WriteAuthorityPem(_folder.FullName) };
        using var http = PrometheusHttp.CreateClient(spec);

        var value = await new PrometheusClient(http, spec, TimeProvider.System).QueryScalarAsync("vector(1)", null, CancellationToken.None);

        Assert.That(_server.BaseUrl.Scheme, Is.EqualTo("https"));
        Assert.That(value, Is.EqualTo(1));
    }

    [Test]
    public void Without_the_CA_file_or_with_another_CA_the_server_is_refused()
    {
        using var other = new TestCertificates("other-ca");
        var otherFolder = Directory.CreateDirectory(Path.Combine(_folder.FullName, "other"));
        var plain = new PrometheusSpec { Url = _server.BaseUrl };
        var wrong = plain with { CaFile = other.WriteAuthorityPem(otherFolder.FullName) };
        using var plainHttp = PrometheusHttp.CreateClient(plain);
        using var wrongHttp = PrometheusHttp.CreateClient(wrong);

        Assert.That(() => new PrometheusClient(plainHttp, plain, TimeProvider.System).QueryScalarAsync("vector(1)", null, CancellationToken.None),
            Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain("request failed"));
        Assert.That(() => new PrometheusClient(wrongHttp, wrong, TimeProvider.System).QueryScalarAsync("vector(1)", null, CancellationToken.None),
            Throws.InstanceOf<PrometheusQueryException>().With.Message.Contain("request failed"));
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void A_CA_file_without_a_certificate_is_an_error_naming_it()
    {
        var path = Path.Combine(_folder.FullName, "empty.pem");
        File.WriteAllText(path, "not a certificate\n");

        Assert.That(() => PrometheusHttp.CreateClient(new PrometheusSpec { Url = _server.BaseUrl, CaFile = path }),
            Throws.InvalidOperationException.With.Message.Contain(path));
    }
}
