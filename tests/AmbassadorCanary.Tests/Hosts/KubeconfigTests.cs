using System.Text;
using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class KubeconfigTests
{
    internal const string Token = "eyJhbGciOiJSUzI1NiJ9.service-account-token-value";
    internal const string Password = "basic-auth-Pa55";
    internal const string ExecSecret = "exec-env-secret-value";
    internal const string RefreshToken = "oidc-refresh-token-value";
    internal static readonly string KeyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
    internal static readonly string ClientKeyData = Convert.ToBase64String(Encoding.UTF8.GetBytes($"-----BEGIN PRIVATE KEY-----\n{KeyBody}\n-----END PRIVATE KEY-----\n"));

    internal static string Kubeconfig(string currentContext = "emulator") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: emulator
          cluster:
            server: http://127.0.0.1:6443
        users:
        - name: sa
          user:
            token: {Token}
        - name: cert
          user:
            client-certificate-data: Y2VydGlmaWNhdGUtZGF0YS12YWx1ZQ==
            client-key-data: {ClientKeyData}
        - name: basic
          user:
            username: admin
            password: {Password}
        - name: exec
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: get-token
              env:
              - name: TOKEN
                value: {ExecSecret}
        - name: oidc
          user:
            auth-provider:
              name: oidc
              config:
                client-id: public-id
                refresh-token: {RefreshToken}
        contexts:
        - name: emulator
          context:
            cluster: emulator
            user: sa
        - name: other
          context:
            cluster: emulator
            user: basic
        current-context: {currentContext}
        """;

    private static IEnumerable<string> AllSecrets() =>
        [Token, Password, ExecSecret, RefreshToken, ClientKeyData, KeyBody, "Y2VydGlmaWNhdGUtZGF0YS12YWx1ZQ=="];

    [Test]
    public void Content_is_taken_as_is_and_base64_is_decoded_even_when_wrapped()
    {
        var content = Kubeconfig();
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(content));
        var wrapped = string.Join("\n", base64.Chunk(76).Select(c => new string(c)));

        Assert.That(KubeconfigInput.Decode(content), Is.EqualTo(content.Trim()));
        Assert.That(KubeconfigInput.Decode(base64), Is.EqualTo(content.Trim()));
        Assert.That(KubeconfigInput.Decode(wrapped + "\n"), Is.EqualTo(content.Trim()));
        Assert.That(KubeconfigInput.IsBase64(base64), Is.True);
        Assert.That(KubeconfigInput.IsBase64(content), Is.False);
    }

    [TestCase("not*base64*and*no*colon")]
    [TestCase("AAECAwQF/w==")]
    [TestCase("aGVsbG8gd29ybGQ=")]
    public void Garbage_is_rejected_without_quoting_it(string input)
    {
        var error = Assert.Throws<FormatException>(() => KubeconfigInput.Decode(input));

        Assert.That(error!.Message, Does.StartWith("kubeconfig input:").And.Not.Contain(input));
    }

    [Test]
    public void Every_credential_is_found_and_nothing_else()
    {
        var document = KubeconfigDocument.Parse(Kubeconfig());

        Assert.That(document.Secrets, Is.EquivalentTo(AllSecrets()));
        Assert.That(document.Contexts, Is.EqualTo(new[] { "emulator", "other" }));
        Assert.That(document.CurrentContext, Is.EqualTo("emulator"));
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Input_is_masked_then_written_0600_and_deleted_on_dispose()
    {
        var env = new TestHostEnvironment();
        var temp = Directory.CreateTempSubdirectory("hosts-kubeconfig-");
        try
        {
            var environment = env.Build() with { TempDirectory = () => temp.FullName };
            var host = new GitHubActionsHost(environment);
            var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Kubeconfig()));
            var resolver = new ClusterConnectionResolver(host, environment, _ => false);
            string path;
            await using (var connection = await resolver.ResolveAsync(base64, "other", CancellationToken.None))
            {
                path = connection.KubeconfigPath!;
                Assert.That(connection.Kind, Is.EqualTo(ClusterConnectionKind.KubeconfigInput));
                Assert.That(connection.Context, Is.EqualTo("other"));
                Assert.That(Path.GetDirectoryName(path), Is.EqualTo(temp.FullName));
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(Kubeconfig().Trim()));
                var config = connection.BuildClientConfiguration();
                Assert.That(config.Host, Does.StartWith("http://127.0.0.1:6443"));
                Assert.That(config.Username, Is.EqualTo("admin"));
            }

            Assert.That(File.Exists(path), Is.False);
            var masks = env.Lines.Select(l => l["::add-mask::".Length..]).ToList();
            Assert.That(env.Lines, Has.All.StartsWith("::add-mask::"));
            Assert.That(masks, Is.SupersetOf(AllSecrets().Append(base64)));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Unknown_context_is_an_error_listing_the_known_ones()
    {
        var env = new TestHostEnvironment();
        var resolver = new ClusterConnectionResolver(new GitHubActionsHost(env.Build()), env.Build(), _ => false);

        var error = await Assert.ThrowsAsync<FormatException>(() => resolver.ResolveAsync(Kubeconfig(), "prod", CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("context 'prod': not in the kubeconfig (contexts: emulator, other)"));
    }

    [Test]
    public async Task Invalid_yaml_masks_every_line_and_says_where()
    {
        var env = new TestHostEnvironment();
        var host = new GitHubActionsHost(env.Build());
        var resolver = new ClusterConnectionResolver(host, env.Build(), _ => false);

        var error = await Assert.ThrowsAsync<FormatException>(() => resolver.ResolveAsync("users:\n- token: \"abc-unterminated-secret\n  x: [", null, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("kubeconfig: not valid YAML at line"));
        Assert.That(host.Masker.Redact("- token: \"abc-unterminated-secret"), Is.EqualTo(SecretMasker.Mask));
    }

    [Test]
    public async Task In_cluster_is_used_without_input_when_the_service_account_is_mounted()
    {
        var env = new TestHostEnvironment();
        env.Variables["KUBERNETES_SERVICE_HOST"] = "127.0.0.1";
        env.Variables["KUBERNETES_SERVICE_PORT"] = "443";
        var host = new GitHubActionsHost(env.Build());
        var resolver = new ClusterConnectionResolver(host, env.Build(), path => path == ClusterConnectionResolver.ServiceAccountTokenPath);

        await using var connection = await resolver.ResolveAsync(null, null, CancellationToken.None);

        Assert.That(resolver.IsInCluster, Is.True);
        Assert.That(connection.Kind, Is.EqualTo(ClusterConnectionKind.InCluster));
        await Assert.ThrowsAsync<FormatException>(() => resolver.ResolveAsync(null, "other", CancellationToken.None));
    }

    [Test]
    public async Task Without_input_or_service_account_the_default_kubeconfig_is_used()
    {
        var env = new TestHostEnvironment();
        env.Variables["KUBERNETES_SERVICE_HOST"] = "127.0.0.1";
        env.Variables["KUBERNETES_SERVICE_PORT"] = "443";
        var resolver = new ClusterConnectionResolver(new LocalTerminalHost(env.Build()), env.Build(), _ => false);

        await using var connection = await resolver.ResolveAsync("  ", "dev", CancellationToken.None);

        Assert.That(connection.Kind, Is.EqualTo(ClusterConnectionKind.DefaultKubeconfig));
        Assert.That(connection.KubeconfigPath, Is.Null);
        Assert.That(connection.Context, Is.EqualTo("dev"));
    }

    [Test]
    public async Task A_named_file_is_inspected_and_masked_but_kept()
    {
        var env = new TestHostEnvironment();
        var host = new GitHubActionsHost(env.Build());
        var path = Path.Combine(Path.GetTempPath(), "hosts-kubeconfig-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(path, Kubeconfig());
        try
        {
            var resolver = new ClusterConnectionResolver(host, env.Build(), _ => false);
            await using (var connection = await resolver.ResolveFileAsync(path, null, CancellationToken.None))
            {
                Assert.That(connection.Kind, Is.EqualTo(ClusterConnectionKind.DefaultKubeconfig));
                Assert.That(connection.KubeconfigPath, Is.EqualTo(path));
                Assert.That(connection.Context, Is.EqualTo("emulator"));
            }

            Assert.That(File.Exists(path), Is.True, "a user's own file is never deleted");
            Assert.That(host.Masker.Secrets, Is.SupersetOf(AllSecrets()));
            var missing = await Assert.ThrowsAsync<FormatException>(() => resolver.ResolveFileAsync(path + ".missing", null, CancellationToken.None));
            Assert.That(missing!.Message, Does.StartWith("kubeconfig " + path + ".missing: cannot be read"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
