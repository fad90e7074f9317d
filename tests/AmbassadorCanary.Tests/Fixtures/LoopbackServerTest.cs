using NUnit.Framework;

namespace AmbassadorCanary.Tests.Fixtures;

/// <summary>A test class with a fresh loopback HTTP server and client per test, bounded so a hang fails instead of blocking.</summary>
public abstract class LoopbackServerTest
{
    protected LoopbackHttpServer Server { get; private set; } = null!;

    /// <summary>No client-side timeout: the code under test applies its own.</summary>
    protected HttpClient Http { get; private set; } = null!;

    /// <summary>Cancelled after 30 s: the guard against a hung test, never a timing assertion.</summary>
    protected CancellationTokenSource Bound { get; private set; } = null!;

    [SetUp]
    public async Task StartServer()
    {
        Bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Server = await LoopbackHttpServer.StartAsync(Bound.Token);
        Http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    [TearDown]
    public async Task StopServer()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Bound.Dispose();
    }
}
