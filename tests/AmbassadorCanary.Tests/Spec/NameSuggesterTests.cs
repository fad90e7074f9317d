using AmbassadorCanary.Spec.Loading;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Spec;

[TestFixture]
public sealed class NameSuggesterTests
{
    private static readonly string[] Flags = ["namespace", "step-weights", "step-weight", "max-weight", "interval", "prometheus-url"];

    [TestCase("namespce", "namespace")]
    [TestCase("step-wieghts", "step-weights")]
    [TestCase("step-weigth", "step-weight")]
    [TestCase("INTERVAL", "interval")]
    [TestCase("prometheus-uri", "prometheus-url")]
    [TestCase("maxweight", "max-weight")]
    [TestCase("colour", null)]
    [TestCase("x", null)]
    public void Suggests_the_closest_known_name_or_nothing(string given, string? expected)
    {
        Assert.That(NameSuggester.Closest(given, Flags), Is.EqualTo(expected));
    }

    [TestCase("abc", "abc", 0)]
    [TestCase("abc", "acb", 1)]
    [TestCase("kitten", "sitting", 3)]
    [TestCase("", "abc", 3)]
    public void Distance_counts_edits_with_adjacent_swaps_as_one(string a, string b, int distance)
    {
        Assert.That(NameSuggester.Distance(a, b), Is.EqualTo(distance));
    }
}
