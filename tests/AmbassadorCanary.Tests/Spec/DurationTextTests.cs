using AmbassadorCanary.Spec.Loading;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Spec;

[TestFixture]
public sealed class DurationTextTests
{
    [TestCase("500ms", 500)]
    [TestCase("30s", 30_000)]
    [TestCase("1m", 60_000)]
    [TestCase("1h30m", 5_400_000)]
    [TestCase("1.5h", 5_400_000)]
    [TestCase("2m30s", 150_000)]
    [TestCase(" 10s ", 10_000)]
    public void Parses_go_style_durations(string text, int milliseconds)
    {
        Assert.That(DurationText.TryParse(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("5")]
    [TestCase("")]
    [TestCase("1 m")]
    [TestCase("1d")]
    [TestCase("m")]
    [TestCase("-1s")]
    [TestCase("PT1M")]
    public void Rejects_anything_else(string text)
    {
        Assert.That(DurationText.TryParse(text, out _), Is.False);
    }

    [TestCase(5_400_000, "1h30m")]
    [TestCase(500, "500ms")]
    [TestCase(61_000, "1m1s")]
    [TestCase(0, "0s")]
    public void Formats_back_to_the_short_form(int milliseconds, string text)
    {
        Assert.That(DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)), Is.EqualTo(text));
    }
}
