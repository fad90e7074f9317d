namespace AmbassadorCanary;

/// <summary>Process exit codes, documented in README.</summary>
public static class ExitCodes
{
    /// <summary>Promoted, or progressing as asked (step, status, plan).</summary>
    public const int Success = 0;

    /// <summary>Rolled back, or the rollout failed.</summary>
    public const int RolledBack = 1;

    /// <summary>Bad input: nothing was changed in the cluster.</summary>
    public const int BadInput = 2;

    /// <summary>The cluster or a provider could not be reached or answered wrongly.</summary>
    public const int InfrastructureError = 3;
}
