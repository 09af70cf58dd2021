using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class TextDegradationsTests
{
    private const string Experience = "Senior Backend Engineer, Quillon (2022–present). Led the split of the loan monolith into four Kotlin services. Built nightly reconciliation between the ledger and the payment provider, which cut month-end mismatches by 80%.";
    private const string Headline = "Senior Backend Engineer at Quillon | Lending APIs in Kotlin and PostgreSQL";
    private const string Readme = "# Hi, I'm Tomasz\n\nI build payment backends in Go and PostgreSQL.\n\n- Built ledgerd, a double-entry ledger that settles 40k transactions a day.\n- Wrote iso8583-go, a card message parser.";

    private static IEnumerable<string> Tags() => DegradationTags.All;

    private static ITextDegradation Find(string tag) => TextDegradations.All.Single(d => d.Tag == tag);

    [Test]
    public void All_Tags_MatchDegradationTagsInOrderAndAreUnique()
    {
        Assert.That(TextDegradations.All.Select(d => d.Tag), Is.EqualTo(DegradationTags.All));
        Assert.That(DegradationTags.All, Is.Unique);
        Assert.That(DegradationTags.All, Has.Count.GreaterThanOrEqualTo(16));
    }

    [TestCaseSource(nameof(Tags))]
    public void Apply_CorpusTexts_ChangesTextMeaningfullyForManyTexts(string tag)
    {
        var degradation = Find(tag);
        var corpus = BenchmarkProfiles.Embedded;
        var applied = 0;
        foreach (var platform in corpus.Platforms)
        {
            foreach (var profile in corpus.GetProfiles(platform))
            {
                foreach (var (section, texts) in profile.Sections)
                {
                    var result = TextDegradations.Apply(degradation, texts[0], section, new Random(7));
                    if (!result.Applied)
                    {
                        Assert.That(result.NotApplicableReason, Is.Not.Null.And.Not.Empty);
                        continue;
                    }

                    applied++;
                    Assert.That(result.Text, Is.Not.EqualTo(texts[0]));
                    Assert.That(TextTools.DiffersMeaningfully(texts[0], result.Text!), Is.True);
                }
            }
        }

        Assert.That(applied, Is.GreaterThanOrEqualTo(10), $"{degradation.Tag} should apply to a fair share of the corpus");
    }

    [TestCaseSource(nameof(Tags))]
    public void Apply_SameSeed_GivesSameText(string tag)
    {
        var degradation = Find(tag);
        var section = degradation.AppliesTo(ContentSections.Readme) ? ContentSections.Readme : ContentSections.Headline;
        var text = section == ContentSections.Readme ? Readme : Headline;
        var first = TextDegradations.Apply(degradation, text, section, new Random(11));
        var second = TextDegradations.Apply(degradation, text, section, new Random(11));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Apply_RemovedOutcomesWithoutFigures_ReportsNotApplicable()
    {
        var result = TextDegradations.Apply(new RemovedOutcomesDegradation(), "Maintainer of a Markdown parser in Rust.", ContentSections.Bio, new Random(1));
        Assert.Multiple(() =>
        {
            Assert.That(result.Applied, Is.False);
            Assert.That(result.NotApplicableReason, Does.Contain("no results or figures"));
        });
    }

    [Test]
    public void Apply_RemovedOutcomes_DropsResultsButKeepsDates()
    {
        var result = TextDegradations.Apply(new RemovedOutcomesDegradation(), Experience, ContentSections.Experience, new Random(1));
        Assert.That(result.Text, Does.Not.Contain("80%").And.Contain("2022").And.Contain("Built nightly reconciliation"));
        Assert.That(result.Text!.Length, Is.LessThan(Experience.Length));
    }

    [Test]
    public void Apply_InflatedClaims_AddsDigits()
    {
        foreach (var (text, section) in new[] { (Experience, ContentSections.Experience), (Headline, ContentSections.Headline), ("A tiny CLI.", ContentSections.RepoDescription) })
        {
            var result = TextDegradations.Apply(new InflatedClaimsDegradation(), text, section, new Random(3));
            Assert.That(TextTools.CountDigits(result.Text!), Is.GreaterThan(TextTools.CountDigits(text)), section);
        }
    }

    [Test]
    public void Apply_Truncation_KeepsAPrefixAndCutsMidThought()
    {
        var result = TextDegradations.Apply(new TruncationDegradation(), Experience, ContentSections.Experience, new Random(5));
        var cut = result.Text!.TrimEnd('.');
        Assert.Multiple(() =>
        {
            Assert.That(Experience.StartsWith(cut, StringComparison.Ordinal), Is.True, cut);
            Assert.That(result.Text!.Length, Is.LessThan(Experience.Length * 0.8));
            Assert.That(result.Text, Does.Not.EndWith(". ").And.Not.EndWith("present)."));
        });
    }

    [Test]
    public void Apply_TruncationOnFiveWords_ReportsNotApplicable()
    {
        var result = TextDegradations.Apply(new TruncationDegradation(), "Rust, embedded, and drones.", ContentSections.Bio, new Random(5));
        Assert.That(result.Applied, Is.False);
    }

    [Test]
    public void Apply_Generic_GivesShortGenericTitleKeepingSeniority()
    {
        var result = TextDegradations.Apply(new GenericDegradation(), Headline, ContentSections.Headline, new Random(2));
        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Does.Not.Contain("Kotlin").And.Not.Contain("Quillon"));
            Assert.That(TextTools.CountWords(result.Text!), Is.LessThanOrEqualTo(5));
            Assert.That(result.Text, Does.StartWith("Senior").Or.Contain("|"));
        });
    }

    [TestCase(ContentSections.About)]
    [TestCase(ContentSections.Experience)]
    [TestCase(ContentSections.Readme)]
    public void AppliesTo_GenericOnLongSections_IsFalseAndReported(string section)
    {
        var result = TextDegradations.Apply(new GenericDegradation(), Experience, section, new Random(2));
        Assert.That(result.NotApplicableReason, Does.Contain("does not apply"));
    }

    [Test]
    public void Apply_BadgeSpam_ReplacesReadmeWithBadgesKeepingHeading()
    {
        var result = TextDegradations.Apply(new BadgeSpamDegradation(), Readme, ContentSections.Readme, new Random(4));
        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Does.StartWith("# Hi, I'm Tomasz"));
            Assert.That(result.Text, Does.Contain("img.shields.io/badge/Go-").And.Contain("img.shields.io/badge/PostgreSQL-"));
            Assert.That(result.Text, Does.Not.Contain("ledger"));
        });
        Assert.That(new BadgeSpamDegradation().AppliesTo(ContentSections.Bio), Is.False);
    }

    [Test]
    public void Apply_KeywordStuffing_RepeatsNamedTechnologies()
    {
        var result = TextDegradations.Apply(new KeywordStuffingDegradation(), Headline, ContentSections.Headline, new Random(4));
        Assert.That(result.Text!.Split("Kotlin").Length - 1, Is.GreaterThanOrEqualTo(4));
    }

    [Test]
    public void Apply_Vague_RemovesNamedToolsAndFigures()
    {
        var result = TextDegradations.Apply(new VagueDegradation(), Experience, ContentSections.Experience, new Random(4));
        Assert.Multiple(() =>
        {
            Assert.That(result.Text, Does.Not.Contain("Kotlin").And.Not.Contain("80%"));
            Assert.That(result.Text, Does.Contain("2022"), "dates are not made vague");
        });
    }

    [Test]
    public void Apply_MixedTensesWithOneVerb_ReportsNotApplicable()
    {
        var result = TextDegradations.Apply(new MixedTensesDegradation(), "Built a parser for card messages.", ContentSections.RepoDescription, new Random(1));
        Assert.That(result.Applied, Is.False);
    }

    [Test]
    public void Apply_MixedTenses_LeavesSomePastAndAddsPresent()
    {
        var text = "Led the payments team. Built the ledger. Designed the event schema. Wrote the runbooks. Introduced contract tests.";
        var result = TextDegradations.Apply(new MixedTensesDegradation(), text, ContentSections.Experience, new Random(9));
        var pasts = new[] { "Led", "Built", "Designed", "Wrote", "Introduced" };
        var kept = pasts.Count(p => result.Text!.Contains(p + " ", StringComparison.Ordinal));
        Assert.That(kept, Is.InRange(1, pasts.Length - 1));
    }

    [Test]
    public void Apply_PassiveVoice_TurnsActionIntoPassive()
    {
        var result = TextDegradations.Apply(new PassiveVoiceDegradation(), "Rewrote the diagnostics system with suggested fixes.", ContentSections.Experience, new Random(1));
        Assert.That(result.Text, Is.EqualTo("The diagnostics system with suggested fixes was rewritten by me."));
    }

    [Test]
    public void Apply_ResponsibilitiesOnly_TurnsAchievementIntoDutyWithoutResult()
    {
        var result = TextDegradations.Apply(new ResponsibilitiesOnlyDegradation(), Experience, ContentSections.Experience, new Random(1));
        Assert.That(result.Text, Does.Contain("building nightly reconciliation between the ledger and the payment provider.").And.Not.Contain("80%"));
    }

    [TestCase("buzzwords", "results-driven|rockstar|synergy|passionate|outside the box|110%|ninja|thought leader|go-getter|self-starter|game-changer")]
    [TestCase("emoji_noise", "🚀|🔥|💯|✨|🙌|😎|💪|🎉|👉|⭐|🤩|📈|💥|🧠|👀|⚡")]
    [TestCase("padding", "worth noting|fast-paced|at the end of the day|needless to say|as a matter of fact|this opportunity|for what it's worth|generally speaking|in terms of|in a nutshell|future|more or less|have a look")]
    [TestCase("first_person_ramble", "i guess|honestly|i mean|to be honest|basically|lol|if that makes sense")]
    [TestCase("jargon_soup", "leverag|synerg|paradigm|holistic|stakeholder|solution|cross-functional|value|operationalis|best-of-breed")]
    public void Apply_AddingDegradations_AddTheirHallmark(string tag, string hallmarks)
    {
        var degradation = Find(tag);
        foreach (var (text, section) in new[] { (Experience, ContentSections.Experience), (Headline, ContentSections.Headline), (Readme, ContentSections.Readme) })
        {
            var result = TextDegradations.Apply(degradation, text, section, new Random(21));
            var lower = result.Text!.ToLowerInvariant();
            Assert.That(hallmarks.Split('|').Any(h => lower.Contains(h, StringComparison.Ordinal)), Is.True, $"{tag} on {section}: {result.Text}");
            Assert.That(result.Text!.Length, Is.GreaterThan(text.Length), $"{tag} lengthens {section}");
        }
    }

    [Test]
    public void Apply_AllCaps_ShoutsWithoutChangingLinks()
    {
        var text = "I maintain [tokensmith](https://example.org/tokensmith). It turns Figma variables into CSS.";
        var result = TextDegradations.Apply(new AllCapsDegradation(), text, ContentSections.Readme, new Random(1));
        Assert.That(result.Text, Does.Contain("(https://example.org/tokensmith)").And.Contain("FIGMA VARIABLES").Or.Contain("I MAINTAIN"));
    }

    [Test]
    public void Apply_Typos_MisspellsSeveralWords()
    {
        var result = TextDegradations.Apply(new TyposDegradation(), Experience, ContentSections.Experience, new Random(8));
        var originalWords = Experience.Split(' ');
        var changed = result.Text!.Split(' ').Except(originalWords).Count();
        Assert.That(changed, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Apply_EmptyText_ReportsNotApplicable()
    {
        foreach (var degradation in TextDegradations.All)
        {
            var result = TextDegradations.Apply(degradation, "   ", ContentSections.Readme, new Random(1));
            Assert.That(result.Applied, Is.False, degradation.Tag);
        }
    }

    [Test]
    public void DiffersMeaningfully_OneWordInALongText_IsFalse()
    {
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));
        Assert.Multiple(() =>
        {
            Assert.That(TextTools.DiffersMeaningfully(text, text.Replace("word7 ", "wrod7 ", StringComparison.Ordinal)), Is.False);
            Assert.That(TextTools.DiffersMeaningfully(text, text + " and five more words here"), Is.True);
        });
    }
}
