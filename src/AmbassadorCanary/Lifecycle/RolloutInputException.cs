namespace AmbassadorCanary.Lifecycle;

/// <summary>The cluster does not match what the spec asks for, found before any write. Exit code 2.</summary>
public sealed class RolloutInputException : Exception
{
    public RolloutInputException()
    {
    }

    public RolloutInputException(string message)
        : base(message)
    {
    }

    public RolloutInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
