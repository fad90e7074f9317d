using AmbassadorCanary.Analysis;
using AmbassadorCanary.Analysis.Judgment;
using AmbassadorCanary.Spec;
using NUnit.Framework;

namespace AmbassadorCanary.Tests.Analysis;

public sealed class CheckTallyTests
{
    // Ticks: P = all pass, F = a check failed, N = no-data (nothing failed). Limit 2, no-data limit 1.
    [TestCase("FFF", FailureCounting.Total, 3, true)]
    [TestCase("FPFPF", FailureCounting.Total, 3, true)]
    [TestCase("FPFPF", FailureCounting.Consecutive, 1, false)]
    [TestCase("FFPFF", FailureCounting.Consecutive, 2, false)]
    [TestCase("FFNF", FailureCounting.Consecutive, 3, true)] // no-data within the limit does not reset the run
    [TestCase("N", FailureCounting.Total, 0, false)]
    [TestCase("NN", FailureCounting.Total, 1, false)] // the second no-data is past the limit of 1
    [TestCase("NNNP", FailureCounting.Total, 2, false)]
    [TestCase("NNNN", FailureCounting.Total, 3, true)]
    [TestCase("PPPP", FailureCounting.Total, 0, false)]
    public void Counts_failures_and_no_data_as_specified(string ticks, FailureCounting counting, int expectedCount, bool expectedExceeded)
    {
        var state = CheckTallyState.Initial;
        CheckTallyResult? result = null;
        foreach (var tick in ticks)
        {
            result = CheckTally.Record(state, Checks(tick), failureLimit: 2, counting, noDataLimit: 1);
            state = result.State;
        }

        Assert.That(result!.FailureCount, Is.EqualTo(expectedCount));
        Assert.That(result.LimitExceeded, Is.EqualTo(expectedExceeded));
    }

    [Test]
    public void No_data_is_never_a_pass_and_turns_into_failures_after_the_limit()
    {
        var first = CheckTally.Record(CheckTallyState.Initial, Checks('N'), 5, FailureCounting.Total, noDataLimit: 1);
        var second = CheckTally.Record(first.State, Checks('N'), 5, FailureCounting.Total, noDataLimit: 1);

        Assert.That(first.Outcome, Is.EqualTo(TickOutcome.NoData));
        Assert.That(first.FailureCount, Is.Zero);
        Assert.That(second.Outcome, Is.EqualTo(TickOutcome.NoDataCountedAsFailure));
        Assert.That(second.State, Is.EqualTo(new CheckTallyState(1, 1, 2)));
    }

    [Test]
    public void A_failure_beside_no_data_counts_as_a_failure()
    {
        CheckResult[] checks = [new("a", CheckOutcome.NoData, null, "x"), new("b", CheckOutcome.Fail, 1, "x")];

        var result = CheckTally.Record(CheckTallyState.Initial, checks, 0, FailureCounting.Total, 3);

        Assert.That(result.Outcome, Is.EqualTo(TickOutcome.Fail));
        Assert.That(result.State.NoDataTicks, Is.Zero);
        Assert.That(result.LimitExceeded, Is.True);
    }

    private static CheckResult[] Checks(char tick) => tick switch
    {
        'P' => [new("success-rate", CheckOutcome.Pass, 100, ">= 99 %"), new("latency-p99", CheckOutcome.Pass, 80, "<= 500 ms")],
        'F' => [new("success-rate", CheckOutcome.Fail, 90, ">= 99 %"), new("latency-p99", CheckOutcome.Pass, 80, "<= 500 ms")],
        'N' => [new("success-rate", CheckOutcome.NoData, null, ">= 99 %"), new("latency-p99", CheckOutcome.Pass, 80, "<= 500 ms")],
        _ => throw new ArgumentOutOfRangeException(nameof(tick)),
    };
}
