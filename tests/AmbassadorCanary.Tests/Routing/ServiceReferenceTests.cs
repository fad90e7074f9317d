using AmbassadorCanary.Routing;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Routing;

public sealed class ServiceReferenceTests
{
    [TestCase("web", "web-canary", null)]
    [TestCase("web:8080", "web-canary:8080", null)]
    [TestCase("web.prod", "web-canary.prod", "prod")]
    [TestCase("https://web.prod:8443", "https://web-canary.prod:8443", "prod")]
    [TestCase("http://web.prod.svc.cluster.local:80", "http://web-canary.prod.svc.cluster.local:80", "prod")]
    [TestCase("web.prod:8080/base", "web-canary.prod:8080/base", "prod")]
    public void Rewriting_the_name_keeps_scheme_namespace_and_port(string service, string canary, string? ns)
    {
        var reference = ServiceReference.TryParse(service)!;

        Assert.Multiple(() =>
        {
            Assert.That(reference.Name, Is.EqualTo("web"));
            Assert.That(reference.Namespace, Is.EqualTo(ns));
            Assert.That(reference.ToString(), Is.EqualTo(service));
            Assert.That(reference.WithName("web-canary").ToString(), Is.EqualTo(canary));
        });
    }

    [TestCase("")]
    [TestCase("https://")]
    [TestCase("web prod")]
    public void Malformed_services_are_rejected(string service) =>
        Assert.That(ServiceReference.TryParse(service), Is.Null);
}
