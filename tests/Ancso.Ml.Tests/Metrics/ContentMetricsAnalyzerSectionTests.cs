using System.Text;
using Ancso.Ml.Content;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Tests.Metrics;

/// <summary>The same text is judged against each section's own targets.</summary>
public class ContentMetricsAnalyzerSectionTests
{
    private const string HeadlineText = "Senior Backend Engineer at Stripe | Payments infrastructure in Go and Kafka";

    private const string AboutText =
        "I build payment infrastructure. For six years I have written backend systems at Stripe and Adyen, mostly in Go and "
        + "PostgreSQL. At Stripe I led the migration of our ledger to an event-sourced design, which cut reconciliation time "
        + "from 6 hours to 20 minutes. I care about boring, reliable systems and clear docs. Right now I am exploring smarter "
        + "payment retries with machine learning. If you build fintech infrastructure, I would be glad to talk.";

    private readonly ContentMetricsAnalyzer _analyzer = new();

    [Test]
    public void Analyze_HeadlineText_FitsHeadlineBetterThanAbout()
    {
        var asHeadline = _analyzer.Analyze("linkedin", ContentSections.Headline, HeadlineText);
        var asAbout = _analyzer.Analyze("linkedin", ContentSections.About, HeadlineText);

        Assert.Multiple(() =>
        {
            Assert.That(asHeadline.Relevance, Is.GreaterThan(asAbout.Relevance + 0.2f));
            Assert.That(HeuristicScorer.Score(asHeadline), Is.GreaterThan(HeuristicScorer.Score(asAbout)));
        });
    }

    [Test]
    public void Analyze_AboutText_FitsAboutBetterThanHeadline()
    {
        var asAbout = _analyzer.Analyze("linkedin", ContentSections.About, AboutText);
        var asHeadline = _analyzer.Analyze("linkedin", ContentSections.Headline, AboutText);

        Assert.Multiple(() =>
        {
            Assert.That(asAbout.Relevance, Is.GreaterThan(asHeadline.Relevance + 0.2f));
            Assert.That(HeuristicScorer.Score(asAbout), Is.GreaterThan(HeuristicScorer.Score(asHeadline)));
        });
    }

    [Test]
    public void Analyze_LongTextAsRepoDescriptionOrBio_ScoresBelowShortOne()
    {
        const string sentence = "Rust library for parsing and rewriting SQL queries, with a Postgres dialect. ";
        var longText = string.Concat(Enumerable.Repeat(sentence, 6));

        foreach (var section in new[] { ContentSections.RepoDescription, ContentSections.Bio })
        {
            var one = _analyzer.Analyze("github", section, sentence);
            var six = _analyzer.Analyze("github", section, longText);
            Assert.That(six.Relevance, Is.LessThan(one.Relevance), section);
        }
    }

    [TestCase(ContentSections.Headline, 12, 100, 600)]
    [TestCase(ContentSections.About, 80, 1000, 6000)]
    [TestCase(ContentSections.Experience, 20, 400, 5000)]
    [TestCase(ContentSections.Bio, 8, 90, 600)]
    [TestCase(ContentSections.Readme, 60, 1500, 20000)]
    [TestCase(ContentSections.RepoDescription, 12, 100, 800)]
    public void Relevance_Length_PeaksInsideTheIdealRange(string section, int shortLength, int idealLength, int longLength)
    {
        var relevance = (int length) => _analyzer.Analyze("x", section, Text(length)).Relevance;

        Assert.Multiple(() =>
        {
            Assert.That(relevance(idealLength), Is.GreaterThan(relevance(shortLength)), "too short");
            Assert.That(relevance(idealLength), Is.GreaterThan(relevance(longLength)), "too long");
        });
    }

    [Test]
    public void Clarity_HeadlineFarTooLong_IsLowerThanIdealHeadline()
    {
        var ideal = _analyzer.Analyze("linkedin", ContentSections.Headline, Text(110));
        var tooLong = _analyzer.Analyze("linkedin", ContentSections.Headline, Text(700));

        Assert.That(tooLong.Clarity, Is.LessThan(ideal.Clarity));
    }

    [Test]
    public void Analyze_UnknownSection_UsesGenericProfileWithoutError()
    {
        var metrics = _analyzer.Analyze("mastodon", "toot", AboutText);

        MetricAssertions.AllInUnitRange(metrics, "unknown section");
        Assert.That(metrics.Relevance, Is.GreaterThan(0f));
    }

    // Realistic words cut to a length: "Backend engineer building payment APIs in Go. ..." repeated.
    private static string Text(int length)
    {
        string[] sentences =
        [
            "Backend engineer building payment APIs in Go.", "Led the ledger migration to PostgreSQL.",
            "Cut reconciliation time from 6 hours to 20 minutes.", "Mentor to 4 engineers on the payments team.",
        ];
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < length; i++)
        {
            builder.Append(sentences[i % sentences.Length]).Append(' ');
        }

        var cut = builder.ToString(0, length);
        var space = cut.LastIndexOf(' ');
        return space > 0 && length - space < 12 ? cut[..space] : cut;
    }
}
