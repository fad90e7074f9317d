using NUnit.Framework;

namespace AmbassadorCanary.Tests.Spec;

/// <summary>Validation never stops at the first problem: the user fixes everything in one go.</summary>
[TestFixture]
public sealed class AllErrorsAtOnceTests
{
    [Test]
    public void File_with_five_problems_reports_five()
    {
        const string yaml = """
            target:
              namespce: shop
              deployment: web
              images: {web: repo/web:2.0}
            route:
              mapping: web
            steps: [10, 5]
            interval: soon
            promotion: later
            analysis:
              provider: prometheus
            """;

        var errors = SpecLoading.Errors(yaml);

        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "file rollout.yaml: target.namespce: unknown key; did you mean 'target.namespace'? (line 2)",
            "file rollout.yaml: steps[1]: weight 5 does not increase on the previous weight 10; weights must be strictly increasing (line 7)",
            "file rollout.yaml: interval: 'soon' is not a duration (e.g. 30s, 1m, 1h30m, 500ms) (line 8)",
            "file rollout.yaml: promotion: 'later' is not one of: auto, manual (line 9)",
            "file rollout.yaml: analysis.provider: provider 'prometheus' needs a Prometheus URL (--prometheus-url, 'analysis.prometheus.url') (line 11)",
        }));
    }

    [Test]
    public void Problems_from_every_source_are_reported_together()
    {
        var errors = SpecLoading.Errors("route: {prefix: web}\n", "--image web --interval 0s --nope 1", ("failure-limit", "x"));

        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "flag --nope: unknown flag",
            "flag --image: 'web' is not container=image (e.g. web=repo/web:2.0)",
            "flag --interval: must be longer than 0s",
            "input failure-limit: 'x' is not a whole number",
            "file rollout.yaml: route.prefix: 'web' must start with '/' (line 1)",
            "target.deployment: the Deployment to release is required; give --deployment, input deployment / deployment, or 'target.deployment' in the spec file",
        }));
    }
}
