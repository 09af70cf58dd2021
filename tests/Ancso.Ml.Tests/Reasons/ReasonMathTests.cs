using Ancso.Ml.Metrics;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Tests.Reasons;

public class ReasonMathTests
{
    private static readonly string[] Tags = ["vague", "typos", "padding", "all_caps", "generic"];

    [Test]
    public void FromLogits_TagsOnWhichTheLoserIsWorseMost_StrongestFirst()
    {
        float[] winner = [0, 0, 0, 0, 0];
        float[] loser = [3, -1, 2, 0, 1];
        var reasons = ReasonMath.FromLogits(winner, loser, Tags);

        Assert.That(reasons.Select(r => r.Tag), Is.EqualTo(new[] { "vague", "padding", "generic" }), "at most three");
        var expected = Softmax([3, -1, 2, 0, 1]);
        Assert.That(reasons[0].Strength, Is.EqualTo(expected[0]).Within(1e-4));
        Assert.That(reasons[1].Strength, Is.EqualTo(expected[2]).Within(1e-4));
        Assert.That(reasons.Select(r => r.Strength), Is.Ordered.Descending);
        Assert.That(reasons.All(r => r.Strength is > 0 and <= 1), Is.True);
    }

    [Test]
    public void FromLogits_OnlyDifferencesCount()
    {
        float[] winner = [10, 10, 10, 10, 10];
        float[] loser = [13, 9, 12, 10, 11];
        Assert.That(ReasonMath.FromLogits(winner, loser, Tags).Select(r => r.Tag), Is.EqualTo(new[] { "vague", "padding", "generic" }));
    }

    [Test]
    public void FromLogits_OneClearReason_WeakOnesLeftOut()
    {
        float[] winner = [0, 0, 0, 0, 0];
        float[] loser = [20, 0, 0, 0, 0];
        var reasons = ReasonMath.FromLogits(winner, loser, Tags);
        Assert.That(reasons, Has.Count.EqualTo(1));
        Assert.That(reasons[0].Tag, Is.EqualTo("vague"));
        Assert.That(reasons[0].Strength, Is.EqualTo(1).Within(1e-4));
    }

    [Test]
    public void FromLogits_AllEqual_StillGivesTheStrongest()
    {
        var reasons = ReasonMath.FromLogits(new float[5], new float[5], Tags);
        Assert.That(reasons, Has.Count.EqualTo(3), "five tags at 0.2 each clear the floor");
        Assert.That(reasons[0].Tag, Is.EqualTo("vague"), "ties keep the vocabulary's order");
    }

    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    [TestCase(float.NegativeInfinity)]
    public void FromLogits_NotFinite_NoReasons(float bad)
    {
        float[] winner = [0, 0, 0, 0, 0];
        float[] loser = [1, bad, 0, 0, 0];
        Assert.That(ReasonMath.FromLogits(winner, loser, Tags), Is.Empty);
    }

    [Test]
    public void FromLogits_HugeValues_NoOverflow()
    {
        float[] winner = [-3e38f, 0, 0, 0, 0];
        float[] loser = [3e38f, 0, 0, 0, 0];
        var reasons = ReasonMath.FromLogits(winner, loser, Tags);
        Assert.That(reasons, Is.Empty, "the difference overflows to infinity: no reason rather than a wrong one");
    }

    [Test]
    public void FromMetrics_MetricsTheWinnerLeadsOn_ByHowMuch()
    {
        var winner = new ContentMetrics(Clarity: 0.9f, Impact: 0.8f, Relevance: 0.5f, KeywordScore: 0.5f, Specificity: 0.7f, Readability: 0.6f);
        var loser = new ContentMetrics(Clarity: 0.4f, Impact: 0.3f, Relevance: 0.6f, KeywordScore: 0.5f, Specificity: 0.5f, Readability: 0.9f);
        var reasons = ReasonMath.FromMetrics(winner, loser);

        Assert.That(reasons.Select(r => r.Tag), Is.EqualTo(new[] { MetricNames.Clarity, MetricNames.Impact, MetricNames.Specificity }));
        Assert.That(reasons[0].Strength, Is.EqualTo(0.5).Within(1e-4));
        Assert.That(reasons[2].Strength, Is.EqualTo(0.2).Within(1e-4));
    }

    [Test]
    public void FromMetrics_WinnerLeadsOnNothing_NoReasons()
    {
        var same = new ContentMetrics(0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f);
        Assert.That(ReasonMath.FromMetrics(same, same), Is.Empty);
    }

    [Test]
    public void FromModelOutputs_IsWhatComparisonsGive()
    {
        float[] winner = [0, 0.5f, 0, 0, 0];
        float[] loser = [2, -1, 1.5f, 0, 0.2f];
        Assert.That(ComparisonReason.FromModelOutputs(winner, loser, Tags), Is.EqualTo(ReasonMath.FromLogits(winner, loser, Tags)));
        Assert.Throws<ArgumentNullException>(() => ComparisonReason.FromModelOutputs(winner, loser, null!));
    }

    private static double[] Softmax(double[] values)
    {
        var max = values.Max();
        var exp = values.Select(v => Math.Exp(v - max)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => e / sum)];
    }
}
