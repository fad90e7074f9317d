using System.Text.Json.Nodes;
using KubeEmulator.Schema;
using NUnit.Framework;

namespace KubeEmulator.Tests.Schema;

[TestFixture]
public sealed class YamlJsonConverterTests
{
    [TestCase("a: 1", "{\"a\":1}")]
    [TestCase("a: '1'", "{\"a\":\"1\"}")]
    [TestCase("a: true", "{\"a\":true}")]
    [TestCase("a: 'true'", "{\"a\":\"true\"}")]
    [TestCase("a: ''", "{\"a\":\"\"}")]
    [TestCase("a:", "{\"a\":null}")]
    [TestCase("a: 1.5", "{\"a\":1.5}")]
    [TestCase("a: [x, 2]", "{\"a\":[\"x\",2]}")]
    [TestCase("a: 1m", "{\"a\":\"1m\"}")]
    public void Scalars_are_typed_by_the_yaml_core_schema(string yaml, string json)
    {
        using var reader = new StringReader(yaml);

        var document = YamlJsonConverter.ReadDocuments(reader).Single();

        Assert.That(document!.ToJsonString(), Is.EqualTo(json));
    }

    [Test]
    public void Multiple_documents_are_read_in_order()
    {
        using var reader = new StringReader("a: 1\n---\nb: 2\n");

        var documents = YamlJsonConverter.ReadDocuments(reader);

        Assert.That(documents.Select(d => d!.AsObject().Single().Key), Is.EqualTo(new[] { "a", "b" }));
    }
}
