using AmbassadorCanary.Spec.Loading;

namespace AmbassadorCanary.Spec.Validation;

/// <summary>The workload: a Deployment, its namespace and Service, and at least one new image.</summary>
internal sealed class TargetValidator : ISpecValidator
{
    /// <summary>Room for the "-canary" suffix within a 63-character Service name.</summary>
    public const int MaxDeploymentName = 56;

    public void Validate(ResolvedSettings settings, ICollection<SpecError> errors)
    {
        if (settings.Get<string>(SpecSettings.Namespace) is { } ns && KubernetesNames.Dns1123LabelProblem(ns) is { } nsProblem)
        {
            errors.Add(settings.OriginOf(SpecSettings.Namespace).Error(nsProblem));
        }

        if (settings.Get<string>(SpecSettings.Deployment) is { } deployment)
        {
            if (KubernetesNames.Dns1123LabelProblem(deployment, MaxDeploymentName) is { } problem)
            {
                errors.Add(settings.OriginOf(SpecSettings.Deployment).Error(
                    problem + (deployment.Length > MaxDeploymentName ? " (the canary adds '-canary')" : "")));
            }
        }
        else if (!settings.IsGiven(SpecSettings.Deployment))
        {
            errors.Add(MissingSetting.Error(SpecSettings.Deployment, "the Deployment to release"));
        }

        if (!settings.IsGiven(SpecSettings.Images))
        {
            errors.Add(MissingSetting.Error(SpecSettings.Images, "at least one container=image"));
        }

        if (settings.Get<string>(SpecSettings.Service) is { } service && KubernetesNames.Dns1035LabelProblem(service) is { } serviceProblem)
        {
            errors.Add(settings.OriginOf(SpecSettings.Service).Error(serviceProblem));
        }
    }
}
