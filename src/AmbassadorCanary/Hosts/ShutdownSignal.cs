using System.Runtime.InteropServices;

namespace AmbassadorCanary.Hosts;

/// <summary>
/// Turns SIGINT/SIGTERM into cancellation. The first signal cancels <see cref="RunToken"/> (stop the loop) and starts
/// the safe-shutdown budget: <see cref="SafeShutdownToken"/> is cancelled that long after, so setting the weight to 0
/// and persisting state are bounded. GitHub sends SIGINT, SIGTERM 7.5 s later, and kills 2.5 s after that; the default
/// 5 s budget ends well before. The default action (terminate) is suppressed for every signal, so a second signal
/// cannot cut the cleanup short; this also holds as PID 1, where .NET's own handlers receive the signals.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _run = new();
    private readonly CancellationTokenSource _safe = new();
    private readonly TimeProvider _time;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private ITimer? _budgetTimer;
    private int _signal;

    /// <summary>A signal source that is only triggered through <see cref="Request"/> (tests, or other hosts' cancel paths).</summary>
    public ShutdownSignal(TimeProvider time, TimeSpan? budget = null)
    {
        _time = time;
        Budget = budget ?? DefaultBudget;
        if (Budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "the safe-shutdown budget must be positive");
        }
    }

    public TimeSpan Budget { get; }

    /// <summary>Cancelled by the first signal: stop starting new work.</summary>
    public CancellationToken RunToken => _run.Token;

    /// <summary>For the cleanup after a signal (weight to 0, persist state); cancelled <see cref="Budget"/> after the signal.</summary>
    public CancellationToken SafeShutdownToken => _safe.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? ReceivedSignal
    {
        get
        {
            var stored = Volatile.Read(ref _signal);
            return stored == 0 ? null : (PosixSignal)(-stored);
        }
    }

    /// <summary>The shell convention for death by signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int? SignalExitCode => ReceivedSignal switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        PosixSignal.SIGQUIT => 131,
        PosixSignal.SIGHUP => 129,
        _ => null,
    };

    /// <summary>Listens to SIGINT and SIGTERM of this process.</summary>
    public static ShutdownSignal ListenToProcessSignals(TimeProvider time, TimeSpan? budget = null)
    {
        var shutdown = new ShutdownSignal(time, budget);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            shutdown._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                shutdown.Request(context.Signal);
            }));
        }

        return shutdown;
    }

    /// <summary>Acts as if <paramref name="signal"/> arrived. Only the first call starts the budget.</summary>
    public void Request(PosixSignal signal)
    {
        // PosixSignal values are negative; store the positive form so 0 means "none yet".
        if (Interlocked.CompareExchange(ref _signal, -(int)signal, 0) != 0)
        {
            return;
        }

        _budgetTimer = _time.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), _safe, Budget, Timeout.InfiniteTimeSpan);
        _run.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _budgetTimer?.Dispose();
        _run.Dispose();
        _safe.Dispose();
    }
}
