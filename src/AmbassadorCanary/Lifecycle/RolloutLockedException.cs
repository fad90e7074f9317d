namespace AmbassadorCanary.Lifecycle;

/// <summary>Another run holds the target's Lease. Exit code 3; nothing was changed.</summary>
public sealed class RolloutLockedException : Exception
{
    public RolloutLockedException()
    {
    }

    public RolloutLockedException(string message)
        : base(message)
    {
    }

    public RolloutLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
