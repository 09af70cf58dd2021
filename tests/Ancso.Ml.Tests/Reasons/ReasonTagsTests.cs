using Ancso.Ml.Learning.Bootstrap;
using Ancso.Ml.Metrics;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Tests.Reasons;

public class ReasonTagsTests
{
    [Test]
    public void All_IsEveryBootstrapFlawThenTheSixMetrics()
    {
        var flaws = TextDegradations.All.Select(d => d.Tag).ToArray();
        Assert.That(ReasonTags.All.Take(flaws.Length), Is.EquivalentTo(flaws), "every degradation's tag, each once");
        Assert.That(ReasonTags.All.Skip(flaws.Length), Is.EqualTo(MetricNames.All));
        Assert.That(ReasonTags.All, Is.Unique);
        Assert.That(ReasonTags.All, Does.Not.Contain(DegradationTags.HeuristicMargin), "a label's origin, not a flaw");
    }

    [Test]
    public void PrincipleOf_EveryTagHasOneOfTheSixPrinciples()
    {
        foreach (var tag in ReasonTags.All)
        {
            Assert.That(ReasonTags.PrincipleOf(tag), Is.AnyOf(ReasonTags.AllPrinciples.ToArray()), tag);
        }

        Assert.That(ReasonTags.PrincipleOf("nonsense"), Is.Null);
        Assert.That(ReasonTags.PrincipleOf(null), Is.Null);
        Assert.That(ReasonTags.PrincipleOf(ReasonTags.ContextFreeNumbers), Is.EqualTo(ReasonTags.CredibilityPrinciple));
        Assert.That(ReasonTags.PrincipleOf(ReasonTags.Typos), Is.EqualTo(ReasonTags.PolishPrinciple));
    }

    [TestCase("vague", "vague")]
    [TestCase("  Vague ", "vague")]
    [TestCase("padded", "padding")]
    [TestCase("buzzword-wall", "buzzwords")]
    [TestCase("Keyword Wall", "keyword_stuffing")]
    [TestCase("truncated", "truncation")]
    [TestCase("inflated_metrics", "context_free_numbers")]
    [TestCase("unverifiable_claims", "inflated_claims")]
    [TestCase("off_topic", "life_story")]
    [TestCase("clarity", "clarity")]
    [TestCase("KEYWORD_SCORE", "keyword_score")]
    public void Normalize_VocabularyAndSynonyms(string tag, string expected) => Assert.That(ReasonTags.Normalize(tag), Is.EqualTo(expected));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("hard")]
    [TestCase("principle:clarity")]
    [TestCase("both_decent")]
    [TestCase("heuristic_margin")]
    [TestCase("vague\u0000")]
    public void Normalize_NotAReason_Null(string? tag) => Assert.That(ReasonTags.Normalize(tag), Is.Null);

    [Test]
    public void Normalize_HugeTag_NullWithoutWork() => Assert.That(ReasonTags.Normalize(new string('v', 1_000_000)), Is.Null);

    [Test]
    public void Contains_IsExact()
    {
        Assert.That(ReasonTags.Contains("vague"), Is.True);
        Assert.That(ReasonTags.Contains("Vague"), Is.False, "Contains takes the vocabulary's spelling; Normalize reads people's");
        Assert.That(ReasonTags.Contains(null), Is.False);
    }
}
