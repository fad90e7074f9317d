namespace AmbassadorCanary.Tests.Fixtures;

/// <summary>
/// Waits for a condition that depends on a real process (Prometheus scraping, a server starting) by asking again a
/// bounded number of times with a short pause between asks. Never a fixed sleep, never a timing assertion.
/// </summary>
public static class BoundedPoll
{
    public static async Task UntilAsync(string what, Func<CancellationToken, Task<bool>> condition, int attempts, TimeSpan pause, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (await condition(cancellationToken))
            {
                return;
            }

            await Task.Delay(pause, cancellationToken);
        }

        throw new TimeoutException($"{what}: not reached after {attempts} attempts");
    }
}
