namespace KubeEmulator.Time;

/// <summary>
/// Simulated time for the sandbox and the tests: it only moves when <see cref="Advance"/> is called,
/// and timers (Task.Delay, CancelAfter) fire as it passes their due time. Deterministic and never sleeps.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _timers = [];
    private DateTimeOffset _now;

    public VirtualClock(DateTimeOffset start) => _now = start;

    public VirtualClock()
        : this(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves time forward, firing every timer that falls due on the way, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            VirtualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _now = target;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt;
                }

                _timers.Remove(due);
                if (due.Period is { } period && period > TimeSpan.Zero)
                {
                    due.DueAt = _now + period;
                    _timers.Add(due);
                }
            }

            due.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan ? null : period;
            _timers.Add(timer);
        }

        if (dueTime == TimeSpan.Zero)
        {
            Advance(TimeSpan.Zero);
        }
    }

    private void Unschedule(VirtualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Unschedule(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
