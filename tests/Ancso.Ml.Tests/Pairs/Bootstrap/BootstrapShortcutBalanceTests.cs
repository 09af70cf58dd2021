using Ancso.Ml.Content;
using Ancso.Ml.Metrics;
using Ancso.Ml.Learning.Bootstrap;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

/// <summary>
/// With the default seed and the built-in metrics analyzer, as <c>ranker bootstrap</c> runs, no surface signal predicts
/// the label: the label, the longer text, the text with more digits and the text with the higher <c>keyword_score</c>
/// are each the better one in 40–60% of the pairs that differ in that respect.
/// </summary>
public class BootstrapShortcutBalanceTests
{
    private static readonly object[] Cases =
    [
        new object[] { ContentPlatforms.GitHub, 200 },
        new object[] { ContentPlatforms.GitHub, 1000 },
        new object[] { ContentPlatforms.LinkedIn, 200 },
        new object[] { ContentPlatforms.LinkedIn, 1000 },
    ];

    [TestCaseSource(nameof(Cases))]
    public void Generate_DefaultSeed_NoSurfaceSignalPredictsTheLabel(string platform, int count)
    {
        var result = new BootstrapPairGenerator(new ContentMetricsAnalyzer()).Generate(platform, count, PairBootstrapRequest.DefaultSeed);
        var balance = result.Balance;
        TestContext.Out.WriteLine($"{platform} {count}: produced {result.Produced} of {result.Available} available; {balance}");
        TestContext.Out.WriteLine(string.Join(", ", result.CountsByTag.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {t.Value}")));
        Assert.Multiple(() =>
        {
            Assert.That(result.Produced, Is.EqualTo(count), result.Shortfall);
            Assert.That(balance.PositiveLabelFraction, Is.InRange(0.4, 0.6), "label");
            Assert.That(balance.BetterLongerFraction, Is.InRange(0.4, 0.6), "longer");
            Assert.That(balance.BetterMoreDigitsFraction, Is.InRange(0.4, 0.6), "more digits");
            Assert.That(balance.BetterHigherKeywordScoreFraction, Is.InRange(0.4, 0.6), "higher keyword_score");
            Assert.That(result.Warnings, Is.Empty);
        });
    }
}
