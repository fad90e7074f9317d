namespace AmbassadorCanary.Analysis.Providers;

/// <summary>A Prometheus query that could not be answered: unreachable, refused, timed out, or an error from the server.</summary>
public sealed class PrometheusQueryException : Exception
{
    public PrometheusQueryException()
    {
    }

    public PrometheusQueryException(string message)
        : base(message)
    {
    }

    public PrometheusQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the answer, when there was one.</summary>
    public int? StatusCode { get; init; }
}
