using KubeEmulator.Time;

namespace AmbassadorCanary.Lifecycle;

/// <summary>How the engine waits between ticks. Production waits on the TimeProvider; tests and the sandbox move a virtual clock.</summary>
public interface IRolloutPacer
{
    Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>Waits for real (or for whatever the TimeProvider says).</summary>
public sealed class TimeProviderPacer(TimeProvider time) : IRolloutPacer
{
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, time, cancellationToken);
}

/// <summary>Advances a VirtualClock by the delay, firing the simulated controllers' timers on the way. Never sleeps.</summary>
public sealed class VirtualClockPacer(VirtualClock clock) : IRolloutPacer
{
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        clock.Advance(delay);
        return Task.CompletedTask;
    }
}
