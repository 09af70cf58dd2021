using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;
using static Ancso.Ml.Tests.Pairs.Bootstrap.NonSoftwareTexts;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class AbbreviationSoupDegradationTests
{
    private static readonly AbbreviationSoupDegradation Degradation = new();

    private static IEnumerable<object[]> Sections() => BySection.Select(s => new object[] { s.Section, s.Text });

    [Test]
    public void Tag_IsAbbreviationSoupAndRegistered()
    {
        Assert.That(Degradation.Tag, Is.EqualTo("abbreviation_soup").And.EqualTo(ReasonTags.AbbreviationSoup));
        Assert.That(TextDegradations.All.Select(d => d.Tag), Does.Contain(ReasonTags.AbbreviationSoup));
    }

    [Test]
    public void Tags_HaveNoDigits()
    {
        Assert.That(Abbreviations.KeywordTags.Concat(Abbreviations.ShorthandTags), Has.None.Match(@"\d"));
    }

    [TestCaseSource(nameof(Sections))]
    public void Apply_EverySection_AbbreviatesAndAddsAnAcronymCluster(string section, string text)
    {
        Assert.That(Degradation.AppliesTo(section), Is.True);
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, text, section, new Random(seed));
            Assert.That(result.Applied, Is.True, $"seed {seed}: {result.NotApplicableReason}");
            Assert.Multiple(() =>
            {
                Assert.That(Abbreviations.KeywordTags.Any(t => result.Text!.Contains(t, StringComparison.Ordinal)), Is.True, result.Text);
                Assert.That(Abbreviations.Phrases.Values.Count(a => result.Text!.Contains(a, StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2), result.Text);
                Assert.That(TextTools.CountDigits(result.Text!), Is.LessThanOrEqualTo(TextTools.CountDigits(text)), "figures are only shortened");
            });
        }
    }

    [TestCaseSource(nameof(Sections))]
    public void Apply_SameSeed_GivesSameText(string section, string text)
    {
        var first = TextDegradations.Apply(Degradation, text, section, new Random(3));
        var second = TextDegradations.Apply(Degradation, text, section, new Random(3));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Apply_NurseHeadline_ReadsAsShorthand()
    {
        var result = TextDegradations.Apply(Degradation, NurseHeadline, ContentSections.Headline, new Random(1)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.StartWith("RN, "));
            Assert.That(result, Does.Contain("Paeds").And.Contain(" & "));
            Assert.That(result, Does.Contain("critically ill children"), "words with no abbreviation stay");
        });
    }

    [Test]
    public void Apply_TeacherAbout_AbbreviatesButKeepsPossessivesAndFigures()
    {
        var result = TextDegradations.Apply(Degradation, TeacherAbout, ContentSections.About, new Random(1)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.Contain(" @ ").Or.Contain(" & ").Or.Contain(" yrs "));
            Assert.That(result, Does.Contain("school's chess club").And.Not.Contain("sch.'s"));
            Assert.That(result, Does.Contain("from 61% to 78%"));
            Assert.That(result.Length, Is.LessThan(TeacherAbout.Length + 30), "abbreviations offset most of the cluster");
        });
    }

    [Test]
    public void Apply_Figures_AreShortened()
    {
        const string text = "Warehouse Supervisor, Northgate Foods (2016–2021). Ran the night shift for a team of 14 and about 12,000 orders a week. Cut picking errors with a new labelling scheme.";
        var result = TextDegradations.Apply(Degradation, text, ContentSections.Experience, new Random(1)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.Contain("('16–'21)").And.Contain("12k").And.Contain("14"));
            Assert.That(TextTools.CountDigits(result), Is.LessThan(TextTools.CountDigits(text)));
        });
    }

    [Test]
    public void Apply_AbbreviatedSentenceEnds_DoNotSplitTheCluster()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, TeacherAbout, ContentSections.About, new Random(seed)).Text!;
            Assert.That(result, Does.Not.Match(@"\)\. [a-z]"), "the cluster never lands inside a sentence: " + result);
        }
    }

    [Test]
    public void Apply_Readme_LeavesFencedCodeAndLinksAlone()
    {
        const string readme = KnittingReadme + "\n\nMore about me at [my site](https://example.org/with/and/about).";
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, readme, ContentSections.Readme, new Random(seed)).Text!;
            Assert.That(result, Does.Contain(Fence).And.Contain("(https://example.org/with/and/about)").And.StartWith("# Knitting patterns\n"));
        }
    }

    [TestCase("Maintainer of a Markdown parser in Rust.", ContentSections.Bio)]
    [TestCase("Nurse", ContentSections.Headline)]
    [TestCase(".", ContentSections.Headline)]
    public void Apply_NothingToAbbreviate_ReportsNotApplicable(string text, string section)
    {
        var result = TextDegradations.Apply(Degradation, text, section, new Random(1));
        Assert.That(result.Applied, Is.False);
        Assert.That(result.NotApplicableReason, Is.Not.Empty);
    }

    [Test]
    public void Apply_Corpus_UsuallyShortensAndRarelyLowersTheKeywordScore()
    {
        var corpus = BenchmarkProfiles.Embedded;
        int higher = 0, lower = 0, shorter = 0, longer = 0;
        foreach (var platform in corpus.Platforms)
        {
            foreach (var profile in corpus.GetProfiles(platform))
            {
                foreach (var (section, texts) in profile.Sections)
                {
                    var result = TextDegradations.Apply(Degradation, texts[0], section, new Random(7));
                    if (result.Applied)
                    {
                        var sign = SurfaceSignals.KeywordSign(section, result.Text!, texts[0]);
                        higher += sign > 0 ? 1 : 0;
                        lower += sign < 0 ? 1 : 0;
                        shorter += result.Text!.Length < texts[0].Length ? 1 : 0;
                        longer += result.Text!.Length > texts[0].Length ? 1 : 0;
                    }
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(higher, Is.GreaterThan(3 * lower), $"the worse text scores higher on keywords in {higher} texts and lower in {lower}");
            Assert.That(shorter, Is.GreaterThan(longer), $"the worse text is shorter in {shorter} texts and longer in {longer}");
        });
    }
}
