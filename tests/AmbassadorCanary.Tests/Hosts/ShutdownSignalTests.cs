using System.Diagnostics;
using System.Runtime.InteropServices;
using AmbassadorCanary.Hosts;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class ShutdownSignalTests
{
    [Test]
    public void First_signal_stops_the_run_and_starts_the_budget()
    {
        var time = new FakeTimeProvider();
        using var shutdown = new ShutdownSignal(time);

        Assert.That(shutdown.RunToken.IsCancellationRequested, Is.False);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.That(shutdown.SafeShutdownToken.IsCancellationRequested, Is.False, "no budget runs before a signal");

        shutdown.Request(PosixSignal.SIGTERM);
        Assert.That(shutdown.RunToken.IsCancellationRequested, Is.True);
        Assert.That(shutdown.ReceivedSignal, Is.EqualTo(PosixSignal.SIGTERM));
        Assert.That(shutdown.SignalExitCode, Is.EqualTo(143));

        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.That(shutdown.SafeShutdownToken.IsCancellationRequested, Is.False);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.That(shutdown.SafeShutdownToken.IsCancellationRequested, Is.True);
    }

    [Test]
    public void A_second_signal_neither_restarts_nor_shortens_the_budget()
    {
        var time = new FakeTimeProvider();
        using var shutdown = new ShutdownSignal(time, TimeSpan.FromSeconds(2));

        shutdown.Request(PosixSignal.SIGINT);
        time.Advance(TimeSpan.FromSeconds(1.5));
        shutdown.Request(PosixSignal.SIGTERM);

        Assert.That(shutdown.ReceivedSignal, Is.EqualTo(PosixSignal.SIGINT));
        Assert.That(shutdown.SafeShutdownToken.IsCancellationRequested, Is.False);
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(shutdown.SafeShutdownToken.IsCancellationRequested, Is.True);
    }

    [Test]
    public void A_non_positive_budget_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ShutdownSignal(TimeProvider.System, TimeSpan.Zero));

    [Test]
    public void A_real_sigterm_to_this_process_is_caught_and_cancels_the_run()
    {
        using var shutdown = ShutdownSignal.ListenToProcessSignals(new FakeTimeProvider());
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Environment.ProcessId.ToString()]) { UseShellExecute = false })!;
        kill.WaitForExit();

        Assert.That(kill.ExitCode, Is.Zero);
        Assert.That(shutdown.RunToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)), Is.True, "the run token is cancelled by the signal");
        Assert.That(shutdown.ReceivedSignal, Is.EqualTo(PosixSignal.SIGTERM));
    }
}
