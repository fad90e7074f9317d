using AmbassadorCanary.Hosts;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Hosts;

public class SecretMaskerTests
{
    [Test]
    public void Redacts_longest_secrets_first_so_overlaps_leave_nothing()
    {
        var masker = new SecretMasker();
        masker.Add("abcd1234");
        masker.Add("abcd1234efgh");

        Assert.That(masker.Redact("x abcd1234efgh y abcd1234"), Is.EqualTo("x *** y ***"));
    }

    [Test]
    public void Splits_multiline_secrets_and_reports_only_new_parts()
    {
        var masker = new SecretMasker();

        Assert.That(masker.Add("line-one\r\nline-two\n"), Is.EqualTo(new[] { "line-one", "line-two" }));
        Assert.That(masker.Add("line-two"), Is.Empty);
        Assert.That(masker.Add("   "), Is.Empty);
    }

    [Test]
    public void Very_short_values_are_registered_but_not_redacted_from_text()
    {
        var masker = new SecretMasker();
        masker.Add("ab");

        Assert.That(masker.Secrets, Does.Contain("ab"));
        Assert.That(masker.Redact("tab"), Is.EqualTo("tab"));
    }

    [Test]
    public void The_json_escaped_spelling_of_a_secret_is_redacted_too()
    {
        var masker = new SecretMasker();
        masker.Add("pa\"ss\\word");

        Assert.That(masker.Redact("{\"p\":\"pa\\\"ss\\\\word\"}"), Is.EqualTo("{\"p\":\"***\"}"));
    }
}
