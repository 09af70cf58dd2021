using Ancso.Ml.Content;
using Ancso.Ml.Metrics;
using Ancso.Ml.Learning.Bootstrap;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class BootstrapPairGeneratorTests
{
    private static readonly string[] Platforms = [ContentPlatforms.GitHub, ContentPlatforms.LinkedIn];

    [TestCaseSource(nameof(Platforms))]
    public void Generate_SameSeed_GivesSamePairs(string platform)
    {
        var first = new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate(platform, 150, 42);
        var second = new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate(platform, 150, 42);
        Assert.That(Describe(second.Pairs), Is.EqualTo(Describe(first.Pairs)));
    }

    [Test]
    public void Generate_DifferentSeed_GivesDifferentPairs()
    {
        var generator = new BootstrapPairGenerator(new FakeMetricsAnalyzer());
        var first = generator.Generate(ContentPlatforms.GitHub, 150, 1);
        var second = generator.Generate(ContentPlatforms.GitHub, 150, 2);
        Assert.That(Describe(second.Pairs), Is.Not.EqualTo(Describe(first.Pairs)));
    }

    [TestCaseSource(nameof(Platforms))]
    public void Generate_TwoHundredPairs_AreDistinctLabelledAndOfThePlatform(string platform)
    {
        var result = new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate(platform, 200, 7);
        var keys = result.Pairs.Select(p => string.CompareOrdinal(p.TextA, p.TextB) < 0 ? (p.TextA, p.TextB) : (p.TextB, p.TextA)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Requested, Is.EqualTo(200));
            Assert.That(result.Produced, Is.EqualTo(200));
            Assert.That(result.Shortfall, Is.Null);
            Assert.That(result.Warnings, Is.Empty);
            Assert.That(keys, Is.Unique, "no pair of texts appears twice, in either order");
            Assert.That(result.Pairs, Has.All.Matches<BootstrapPair>(p => p.TextA != p.TextB));
            Assert.That(result.Pairs.Select(p => p.Label), Has.All.AnyOf(1, -1));
            Assert.That(result.Pairs.Select(p => p.Platform), Has.All.EqualTo(platform));
            Assert.That(result.Pairs.Select(p => p.Section), Has.All.AnyOf(ContentSections.ForPlatform(platform).ToArray()));
            Assert.That(result.Pairs, Has.All.Matches<BootstrapPair>(p => p.Tags.Count == 1));
        });
    }

    [TestCaseSource(nameof(Platforms))]
    public void Generate_DegradationPairs_HaveTheBenchmarkTextAsBetter(string platform)
    {
        var corpus = BenchmarkProfiles.Embedded;
        var result = new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate(platform, 200, 3);
        var degradation = result.Pairs.Where(p => p.Kind == BootstrapPairKinds.Degradation).ToList();
        Assert.That(degradation, Is.Not.Empty);
        foreach (var pair in degradation)
        {
            var profile = corpus.GetProfiles(platform).Single(p => p.Id == pair.ProfileIds.Single());
            Assert.That(profile.GetTexts(pair.Section), Does.Contain(pair.BetterText));
            Assert.That(profile.GetTexts(pair.Section), Does.Not.Contain(pair.WorseText));
            Assert.That(DegradationTags.All, Does.Contain(pair.Tags[0]));
            Assert.That(pair.HeuristicMargin, Is.Null);
        }
    }

    [TestCase(-0.1)]
    [TestCase(0.51)]
    [TestCase(double.NaN)]
    public void Generate_CrossTextShareOutOfRange_Throws(double share) =>
        Assert.That(() => new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate("github", 10, 1, share), Throws.TypeOf<ArgumentOutOfRangeException>());

    [TestCaseSource(nameof(Platforms))]
    public void Generate_CrossTextPairs_AreAMinorityWithALargeMarginAndTheHigherScoreBetter(string platform)
    {
        var analyzer = new FakeMetricsAnalyzer();
        var result = new BootstrapPairGenerator(analyzer).Generate(platform, 200, 5, crossTextShare: 0.2);
        var cross = result.Pairs.Where(p => p.Kind == BootstrapPairKinds.CrossText).ToList();
        Assert.That(cross, Has.Count.InRange(1, (int)(200 * 0.2)));
        foreach (var pair in cross)
        {
            var better = HeuristicScorer.Score(analyzer.Analyze(platform, pair.Section, pair.BetterText));
            var worse = HeuristicScorer.Score(analyzer.Analyze(platform, pair.Section, pair.WorseText));
            Assert.That(better - worse, Is.GreaterThanOrEqualTo(BootstrapPairGenerator.DefaultCrossTextMinimumMargin));
            Assert.That(pair.HeuristicMargin, Is.EqualTo(better - worse).Within(1e-5));
            Assert.That(pair.Tags, Is.EqualTo(new[] { DegradationTags.HeuristicMargin }));
            Assert.That(pair.ProfileIds, Has.Count.EqualTo(2).And.Unique);
        }
    }

    [Test]
    public void Generate_Analyzer_IsCalledOncePerBenchmarkText()
    {
        var analyzer = new FakeMetricsAnalyzer();
        new BootstrapPairGenerator(analyzer).Generate(ContentPlatforms.LinkedIn, 10, 1, crossTextShare: 0.2);
        var texts = BenchmarkProfiles.Embedded.GetProfiles(ContentPlatforms.LinkedIn).Sum(p => p.Sections.Values.Sum(t => t.Count));
        Assert.That(analyzer.Calls, Is.EqualTo(texts));
    }

    [Test]
    public void Generate_NoCrossTextShare_NeverAsksTheAnalyzer()
    {
        var analyzer = new FakeMetricsAnalyzer();
        new BootstrapPairGenerator(analyzer).Generate(ContentPlatforms.LinkedIn, 10, 1);
        Assert.That(analyzer.Calls, Is.Zero, "the analyzer labels cross-text pairs only");
    }

    [TestCaseSource(nameof(Platforms))]
    public void Generate_TwoHundredPairs_BalanceLabelsLengthDigitsAndKeywords(string platform)
    {
        var balance = new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate(platform, 200, 11).Balance;
        TestContext.Out.WriteLine($"{platform}: {balance}");
        Assert.Multiple(() =>
        {
            Assert.That(balance.PositiveLabels, Is.EqualTo(100), "labels are exactly balanced");
            Assert.That(balance.BetterLongerFraction, Is.InRange(0.45, 0.55), "the better text is not systematically the longer one");
            Assert.That(balance.BetterMoreDigitsFraction, Is.InRange(0.45, 0.55), "the better text does not systematically have more digits");
            Assert.That(balance.BetterMoreDigits, Is.GreaterThanOrEqualTo(10), "some pairs do carry a digit difference");
            Assert.That(balance.BetterHigherKeywordScoreFraction, Is.InRange(0.45, 0.55), "the better text does not systematically score higher on keywords");
            Assert.That(balance.IsBalanced, Is.True);
        });
    }

    [TestCaseSource(nameof(Platforms))]
    public void Generate_EverythingAvailable_StaysWithinBalanceBounds(string platform)
    {
        var result = new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate(platform, 1_000_000, 13);
        var balance = result.Balance;
        TestContext.Out.WriteLine($"{platform}: {result.Produced} available; {balance}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Produced, Is.EqualTo(result.Available).And.GreaterThan(1000));
            Assert.That(balance.PositiveLabelFraction, Is.InRange(BootstrapBalance.Lowest, BootstrapBalance.Highest));
            Assert.That(balance.BetterLongerFraction, Is.InRange(BootstrapBalance.Lowest, BootstrapBalance.Highest));
            Assert.That(balance.BetterMoreDigitsFraction, Is.InRange(BootstrapBalance.Lowest, BootstrapBalance.Highest));
            Assert.That(balance.BetterHigherKeywordScoreFraction, Is.InRange(BootstrapBalance.Lowest, BootstrapBalance.Highest));
            Assert.That(result.Warnings, Is.Empty);
            Assert.That(result.CountsByKind.GetValueOrDefault(BootstrapPairKinds.CrossText), Is.Zero, "no cross-text pairs by default");
        });
    }

    [Test]
    public void Generate_MoreThanAvailable_ProducesWhatItCanAndExplainsTheShortfall()
    {
        var result = new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate(ContentPlatforms.GitHub, 1_000_000, 17);
        Assert.Multiple(() =>
        {
            Assert.That(result.Produced, Is.EqualTo(result.Available));
            Assert.That(result.Shortfall, Does.Contain("Requested 1000000 github pairs")
                .And.Contain($"only {result.Available} distinct pairs")
                .And.Contain("Request at most"));
        });
    }

    [Test]
    public void Generate_TinyCorpus_ReportsShortfall()
    {
        var corpus = BenchmarkProfiles.Parse([("github.json", """
            {"schema_version":1,"platform":"github","profiles":[
              {"id":"a","role":"r","seniority":"s","industry":"i","sections":{"bio":["Backend engineer building payment APIs in Go and PostgreSQL at a small bank."],"readme":["# Hi\n\nI build payment APIs in Go. I led the migration of 40 services to Kubernetes, which cut deploy time from an hour to five minutes."],"repo_description":["Double-entry ledger service in Go with idempotent postings and PostgreSQL storage."]}}
            ]}
            """)]);
        var result = new BootstrapPairGenerator(new FakeMetricsAnalyzer(), corpus).Generate(ContentPlatforms.GitHub, 500, 1);
        Assert.Multiple(() =>
        {
            Assert.That(result.Produced, Is.GreaterThan(5).And.LessThan(500));
            Assert.That(result.Shortfall, Is.Not.Null);
            Assert.That(result.CountsByKind.ContainsKey(BootstrapPairKinds.CrossText), Is.False, "one profile has no cross-text pairs");
        });
    }

    [TestCaseSource(nameof(Platforms))]
    public void Generate_TwoHundredPairs_SpreadAcrossSectionsAndDegradations(string platform)
    {
        var result = new BootstrapPairGenerator(new FakeMetricsAnalyzer()).Generate(platform, 200, 19);
        var profiles = result.Pairs.SelectMany(p => p.ProfileIds).Distinct().Count();
        Assert.Multiple(() =>
        {
            Assert.That(result.CountsBySection.Keys, Is.EquivalentTo(ContentSections.ForPlatform(platform)));
            Assert.That(result.CountsBySection.Values, Has.All.InRange(50, 84), "sections are stratified");
            Assert.That(result.CountsByTag.Keys.Count(DegradationTags.All.Contains), Is.GreaterThanOrEqualTo(14), "most degradations are represented");
            Assert.That(profiles, Is.GreaterThanOrEqualTo(50), "pairs come from across the corpus, not its first profiles");
        });
    }

    [Test]
    public void Generate_FewerPairs_AreASubsetOfMorePairs()
    {
        var generator = new BootstrapPairGenerator(new FakeMetricsAnalyzer());
        var small = generator.Generate(ContentPlatforms.LinkedIn, 40, 23).Pairs.Select(p => (p.BetterText, p.WorseText));
        var large = generator.Generate(ContentPlatforms.LinkedIn, 400, 23).Pairs.Select(p => (p.BetterText, p.WorseText));
        Assert.That(small, Is.SubsetOf(large));
    }

    [Test]
    public void Generate_UnknownPlatform_Throws()
    {
        var generator = new BootstrapPairGenerator(new FakeMetricsAnalyzer());
        Assert.Throws<ArgumentException>(() => generator.Generate("myspace", 10, 1));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void Generate_NonPositiveCount_Throws(int count)
    {
        var generator = new BootstrapPairGenerator(new FakeMetricsAnalyzer());
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(ContentPlatforms.GitHub, count, 1));
    }

    [Test]
    public void Generate_AnalyzerReturnsNaN_ThrowsNamingTheAnalyzer()
    {
        var generator = new BootstrapPairGenerator(new NaNAnalyzer());
        var ex = Assert.Throws<InvalidOperationException>(() => generator.Generate(ContentPlatforms.GitHub, 10, 1, crossTextShare: 0.2));
        Assert.That(ex!.Message, Does.Contain(nameof(NaNAnalyzer)).And.Contain("non-finite"));
    }

    [Test]
    public void Balance_Of_CountsLongerAndDigitsFromTheBetterSide()
    {
        var pairs = new[]
        {
            new BootstrapPair("github", "bio", "long text 12", "short", 1, ["x"], BootstrapPairKinds.Degradation, ["p"]),
            new BootstrapPair("github", "bio", "tiny", "longer text", -1, ["x"], BootstrapPairKinds.Degradation, ["p"]),
            new BootstrapPair("github", "bio", "a 1", "b 2", 1, ["x"], BootstrapPairKinds.Degradation, ["p"]),
        };
        var balance = BootstrapBalance.Of(pairs);
        Assert.Multiple(() =>
        {
            Assert.That(balance.PositiveLabels, Is.EqualTo(2));
            Assert.That(balance.BetterLonger, Is.EqualTo(2));
            Assert.That(balance.BetterShorter, Is.EqualTo(0));
            Assert.That(balance.BetterMoreDigits, Is.EqualTo(1));
            Assert.That(balance.BetterFewerDigits, Is.EqualTo(0));
            Assert.That(balance.DigitTieFraction, Is.EqualTo(2 / 3.0).Within(1e-9));
            Assert.That(balance.IsBalanced, Is.False);
        });
    }

    private static List<string> Describe(IEnumerable<BootstrapPair> pairs) =>
        pairs.Select(p => $"{p.Section}|{p.Label}|{p.Kind}|{string.Join(',', p.Tags)}|{p.TextA}|{p.TextB}").ToList();

    private sealed class NaNAnalyzer : IContentMetricsAnalyzer
    {
        public ContentMetrics Analyze(string platform, string section, string text) => new(float.NaN, 0, 0, 0, 0, 0);
    }
}
