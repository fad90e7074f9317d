namespace AmbassadorCanary.Spec;

/// <summary>The loaded spec, or every error found (then Spec is null).</summary>
public sealed record SpecLoadResult(RolloutSpec? Spec, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Spec is not null && Errors.Count == 0;
}
