using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Spec;

[TestFixture]
public sealed class CommandLineTests
{
    [Test]
    public void Splits_words_values_equals_forms_and_switches()
    {
        var line = CommandLine.Parse(["sandbox", "serve", "--scenario", "healthy", "--kubeconfig-out=/tmp/k", "--promote-early", "--image", "a=b:1", "--image", "c=d:2"]);

        Assert.That(line.Command, Is.EqualTo("sandbox"));
        Assert.That(line.Words, Is.EqualTo(new[] { "sandbox", "serve" }));
        Assert.That(line.Options, Is.EqualTo(new[]
        {
            new CommandLineOption("scenario", "healthy"),
            new CommandLineOption("kubeconfig-out", "/tmp/k"),
            new CommandLineOption("promote-early", null),
            new CommandLineOption("image", "a=b:1"),
            new CommandLineOption("image", "c=d:2"),
        }));
    }

    [Test]
    public void A_switch_does_not_swallow_the_next_word_but_takes_true_or_false()
    {
        var line = CommandLine.Parse(["--promote-early", "rollout", "--judge", "false", "--help"], switches: ["help"]);

        Assert.That(line.Words, Is.EqualTo(new[] { "rollout" }));
        Assert.That(line.Options, Is.EqualTo(new[]
        {
            new CommandLineOption("promote-early", null),
            new CommandLineOption("judge", "false"),
            new CommandLineOption("help", null),
        }));
    }

    [Test]
    public void A_value_option_before_another_option_is_a_switch_and_double_dash_ends_options()
    {
        var line = CommandLine.Parse(["status", "--output", "--verbose", "--", "--not-an-option"]);

        Assert.That(line.Options, Is.EqualTo(new[] { new CommandLineOption("output", null), new CommandLineOption("verbose", null) }));
        Assert.That(line.Words, Is.EqualTo(new[] { "status", "--not-an-option" }));
    }

    [Test]
    public void Values_keep_their_own_equals_signs_and_negative_numbers()
    {
        var line = CommandLine.Parse(["--image=web=repo/web:2", "--min-success-rate", "-1"]);

        Assert.That(line.Value("image"), Is.EqualTo("web=repo/web:2"));
        Assert.That(line.Value("min-success-rate"), Is.EqualTo("-1"));
        Assert.That(line.Command, Is.Null);
    }
}
