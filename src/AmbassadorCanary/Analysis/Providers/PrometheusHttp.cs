using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AmbassadorCanary.Spec;

namespace AmbassadorCanary.Analysis.Providers;

/// <summary>Builds the HttpClient for Prometheus: the system's trust store, plus the CA from spec.CaFile (PEM) when given.</summary>
internal static class PrometheusHttp
{
    public static HttpClient CreateClient(PrometheusSpec spec)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(spec.CaFile))
        {
            var authorities = LoadAuthorities(spec.CaFile);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, authorities),
            };
        }

        // Each query has its own timeout (PrometheusClient.QueryTimeout).
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The certificates in a PEM file; an error naming the file when it has none or cannot be read.</summary>
    public static X509Certificate2Collection LoadAuthorities(string pemFile)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(pemFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"Prometheus CA file {pemFile}: cannot read it: {e.Message}", e);
        }

        return authorities.Count > 0 ? authorities : throw new InvalidOperationException($"Prometheus CA file {pemFile}: holds no PEM certificate");
    }

    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only chain errors are forgiven, and only for a chain that ends at one of the given authorities.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
