using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class BootstrapBalanceTests
{
    private const string Focused = "Backend engineer | Kotlin, PostgreSQL and payments infrastructure";
    private const string Empty = "Hard-working person who likes to get things done";

    [Test]
    public void Of_KeywordScore_CountsFromTheBetterSide()
    {
        var pairs = new[]
        {
            new BootstrapPair(ContentPlatforms.LinkedIn, ContentSections.Headline, Focused, Empty, 1, ["x"], BootstrapPairKinds.Degradation, ["p"]),
            new BootstrapPair(ContentPlatforms.LinkedIn, ContentSections.Headline, Focused, Empty, -1, ["x"], BootstrapPairKinds.Degradation, ["p"]),
            new BootstrapPair(ContentPlatforms.LinkedIn, ContentSections.Headline, Empty, Focused, -1, ["x"], BootstrapPairKinds.Degradation, ["p"]),
            new BootstrapPair(ContentPlatforms.LinkedIn, ContentSections.Headline, Empty, Empty + ".", 1, ["x"], BootstrapPairKinds.Degradation, ["p"]),
        };
        Assert.That(SurfaceSignals.KeywordScore(ContentSections.Headline, Focused), Is.GreaterThan(SurfaceSignals.KeywordScore(ContentSections.Headline, Empty)));

        var balance = BootstrapBalance.Of(pairs);

        Assert.Multiple(() =>
        {
            Assert.That(balance.BetterHigherKeywordScore, Is.EqualTo(2));
            Assert.That(balance.BetterLowerKeywordScore, Is.EqualTo(1));
            Assert.That(balance.BetterHigherKeywordScoreFraction, Is.EqualTo(2 / 3.0).Within(1e-9));
            Assert.That(balance.KeywordScoreTieFraction, Is.EqualTo(0.25).Within(1e-9));
            Assert.That(balance.ToString(), Does.Contain("higher keyword_score in 67"));
        });
    }

    [Test]
    public void IsBalanced_KeywordShareOutsideBounds_IsFalse()
    {
        var even = new BootstrapBalance(20, 10, 10, 10, 5, 5);
        Assert.Multiple(() =>
        {
            Assert.That(even.IsBalanced, Is.True, "without keyword counts the keyword share is one half");
            Assert.That(even.BetterHigherKeywordScoreFraction, Is.EqualTo(0.5));
            Assert.That((even with { BetterHigherKeywordScore = 14, BetterLowerKeywordScore = 6 }).IsBalanced, Is.False);
            Assert.That((even with { BetterHigherKeywordScore = 12, BetterLowerKeywordScore = 8 }).IsBalanced, Is.True);
        });
    }
}
