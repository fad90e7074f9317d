using AmbassadorCanary.Analysis.Envoy;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class PrometheusTextParserTests
{
    [Test]
    public void Parses_comments_types_labels_escapes_special_values_and_timestamps()
    {
        const string Text = """
            # HELP envoy_cluster_upstream_rq_total Total requests, with a \\ backslash and a \n newline
            # TYPE envoy_cluster_upstream_rq_total counter
            envoy_cluster_upstream_rq_total{envoy_cluster_name="web-canary"} 1027
            # just a comment
            envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="web",le="+Inf"} 4.2e3 1712345678901
            weird{path="C:\\dir\\",quote="say \"hi\"",nl="a\nb",} NaN
            spaced { a = "1" , b="2" }   -Inf
            no_labels +Inf
            """;

        var parsed = PrometheusTextParser.Parse(Text);

        Assert.That(parsed.Types["envoy_cluster_upstream_rq_total"], Is.EqualTo("counter"));
        Assert.That(parsed.Samples, Has.Count.EqualTo(5));
        var total = parsed.Samples[0];
        Assert.That(total.Name, Is.EqualTo("envoy_cluster_upstream_rq_total"));
        Assert.That(total.Label("envoy_cluster_name"), Is.EqualTo("web-canary"));
        Assert.That(total.Value, Is.EqualTo(1027));
        Assert.That(total.TimestampMs, Is.Null);

        var bucket = parsed.Samples[1];
        Assert.That(bucket.Label("le"), Is.EqualTo("+Inf"));
        Assert.That(bucket.Value, Is.EqualTo(4200));
        Assert.That(bucket.TimestampMs, Is.EqualTo(1712345678901));

        var weird = parsed.Samples[2];
        Assert.That(weird.Label("path"), Is.EqualTo(@"C:\dir\"));
        Assert.That(weird.Label("quote"), Is.EqualTo("say \"hi\""));
        Assert.That(weird.Label("nl"), Is.EqualTo("a\nb"));
        Assert.That(double.IsNaN(weird.Value), Is.True);

        Assert.That(parsed.Samples[3].Labels, Is.EqualTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
        Assert.That(parsed.Samples[3].Value, Is.EqualTo(double.NegativeInfinity));
        Assert.That(parsed.Samples[4].Value, Is.EqualTo(double.PositiveInfinity));
        Assert.That(parsed.Samples[4].Labels, Is.Empty);
    }

    [TestCase("metric{a=\"1\" 3")]
    [TestCase("metric{a=\"unterminated} 3")]
    [TestCase("metric{a=\"bad \\x escape\"} 3")]
    [TestCase("metric abc")]
    [TestCase("metric 1 2 3")]
    [TestCase("{a=\"1\"} 3")]
    public void Rejects_malformed_lines_with_the_line_number(string line)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusTextParser.Parse("ok 1\n" + line));

        Assert.That(error!.Message, Does.StartWith("metrics line 2:"));
    }

    [Test]
    public void Accepts_crlf_line_ends_and_blank_lines()
    {
        var parsed = PrometheusTextParser.Parse("a 1\r\n\r\nb{x=\"y\"} 2\r\n");

        Assert.That(parsed.Samples.Select(s => s.Value), Is.EqualTo(new double[] { 1, 2 }));
    }
}
