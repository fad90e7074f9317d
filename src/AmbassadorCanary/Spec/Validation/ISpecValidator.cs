using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>One concern's rules over the resolved settings. Adds every problem it finds; never stops at the first.</summary>
internal interface ISpecValidator
{
    void Validate(ResolvedSettings settings, ICollection<SpecError> errors);
}
