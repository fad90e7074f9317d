namespace AmbassadorCanary.Lifecycle;

/// <summary>A cluster call failed, or another run holds the lock. Exit code 3. The message names the object and the call.</summary>
public sealed class ClusterOperationException : Exception
{
    public ClusterOperationException()
    {
    }

    public ClusterOperationException(string message)
        : base(message)
    {
    }

    public ClusterOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
