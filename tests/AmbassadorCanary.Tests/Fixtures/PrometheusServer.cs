using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AmbassadorCanary.Tests.Fixtures;

/// <summary>
/// The real Prometheus (Debian's /usr/bin/prometheus) on 127.0.0.1 and a free port, with a temporary data folder and
/// a generated config scraping the given targets every second. Started ready (/-/ready answered 200); can be stopped
/// mid-test; disposing always kills the process and deletes the folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly StringBuilder _log;

    private PrometheusServer(Process process, string folder, int port, StringBuilder log)
    {
        _process = process;
        Folder = folder;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _log = log;
    }

    public Uri Url { get; }

    public string Folder { get; }

    public bool Running => !_process.HasExited;

    /// <summary>What Prometheus printed (its last 20,000 characters), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts Prometheus scraping each target URL (a /metrics URL on 127.0.0.1) every second.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<Uri> targets, CancellationToken cancellationToken)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's prometheus package (.ci/run does)");
        }

        var folder = Directory.CreateTempSubdirectory("prometheus-test-").FullName;
        PrometheusServer? server = null;
        try
        {
            var port = FreePort();
            var config = Path.Combine(folder, "prometheus.yml");
            await File.WriteAllTextAsync(config, Config(targets), cancellationToken);
            var log = new StringBuilder();
            var process = new Process
            {
                StartInfo = new ProcessStartInfo(Binary)
                {
                    ArgumentList =
                    {
                        $"--config.file={config}",
                        $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                        $"--web.listen-address=127.0.0.1:{port}",
                        "--log.level=warn",
                    },
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                    WorkingDirectory = folder,
                },
            };
            process.ErrorDataReceived += (_, e) => Append(log, e.Data);
            process.OutputDataReceived += (_, e) => Append(log, e.Data);
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            server = new PrometheusServer(process, folder, port, log);
            await server.WaitReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Stops Prometheus now (e.g. mid-test, to see clients fail); the folder stays until disposal.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await BoundedPoll.UntilAsync("prometheus /-/ready", async ct =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}: {Log}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(Url, "-/ready"), ct);
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, attempts: 300, TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; prometheus log: {Log}", e);
        }
    }

    private static string Config(IReadOnlyList<Uri> targets)
    {
        var jobs = new StringBuilder();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (!IPAddress.TryParse(target.Host, out var address) || !IPAddress.IsLoopback(address))
            {
                throw new ArgumentException($"scrape target {target} is not on 127.0.0.0/8", nameof(targets));
            }

            jobs.Append($"""
                  - job_name: target{i}
                    scrape_interval: 1s
                    scrape_timeout: 1s
                    metrics_path: {target.AbsolutePath}
                    static_configs:
                      - targets: ['{target.Authority}']

                """);
        }

        return $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
            {jobs}
            """;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
            if (log.Length > 20_000)
            {
                log.Remove(0, log.Length - 20_000);
            }
        }
    }
}
