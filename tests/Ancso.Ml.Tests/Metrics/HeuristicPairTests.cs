using Ancso.Ml.Content;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Tests.Metrics;

/// <summary>The heuristic fallback score prefers the clearly better text of hand-written realistic pairs.</summary>
public class HeuristicPairTests
{
    private readonly ContentMetricsAnalyzer _analyzer = new();

    private static IEnumerable<TestCaseData> LinkedIn() => LinkedInPairs.All.Select(p => new TestCaseData(p).SetArgDisplayNames(p.ToString()));

    private static IEnumerable<TestCaseData> GitHub() => GitHubPairs.All.Select(p => new TestCaseData(p).SetArgDisplayNames(p.ToString()));

    [TestCaseSource(nameof(LinkedIn))]
    public void Score_LinkedInPair_PrefersBetterText(ContentPair pair) => AssertPrefersBetter(pair);

    [TestCaseSource(nameof(GitHub))]
    public void Score_GitHubPair_PrefersBetterText(ContentPair pair) => AssertPrefersBetter(pair);

    [TestCase(ContentPlatforms.LinkedIn)]
    [TestCase(ContentPlatforms.GitHub)]
    public void Pairs_Platform_CoverEverySectionWithAtLeastTwentyPairs(string platform)
    {
        var pairs = (platform == ContentPlatforms.LinkedIn ? LinkedInPairs.All : GitHubPairs.All).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(pairs, Has.Length.GreaterThanOrEqualTo(20));
            Assert.That(pairs.Select(p => p.Platform), Is.All.EqualTo(platform));
            foreach (var section in ContentSections.ForPlatform(platform))
            {
                Assert.That(pairs.Count(p => p.Section == section), Is.GreaterThanOrEqualTo(6), section);
            }
        });
    }

    [Test]
    public void Pairs_IncludeWorseTextsThatAreLongerOrHaveMoreNumbers()
    {
        var pairs = LinkedInPairs.All.Concat(GitHubPairs.All).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(pairs.Count(p => p.Worse.Length > p.Better.Length), Is.GreaterThanOrEqualTo(10));
            Assert.That(pairs.Count(p => Digits(p.Worse) > Digits(p.Better)), Is.GreaterThanOrEqualTo(5));
        });
    }

    private static int Digits(string text) => text.Count(char.IsAsciiDigit);

    private void AssertPrefersBetter(ContentPair pair)
    {
        var better = _analyzer.Analyze(pair.Platform, pair.Section, pair.Better);
        var worse = _analyzer.Analyze(pair.Platform, pair.Section, pair.Worse);

        Assert.That(HeuristicScorer.Score(better), Is.GreaterThan(HeuristicScorer.Score(worse)), $"better: {better}\nworse: {worse}");
    }
}
