using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AmbassadorCanary.Tests.Fixtures;

/// <summary>A throwaway CA and a server certificate it signed for 127.0.0.1, made in memory for TLS tests.</summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates(string name = "test-ca")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Authority = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(Authority, now.AddHours(-1), now.AddDays(7), [1, 2, 3, 4]);
        Server = signed.CopyWithPrivateKey(serverKey);
    }

    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>Writes the CA certificate as PEM into the folder and returns the file path.</summary>
    public string WriteAuthorityPem(string folder)
    {
        var path = Path.Combine(folder, "ca.pem");
        File.WriteAllText(path, Authority.ExportCertificatePem());
        return path;
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
