using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;
using static Ancso.Ml.Tests.Pairs.Bootstrap.NonSoftwareTexts;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class LifeStoryDegradationTests
{
    private static readonly LifeStoryDegradation Degradation = new();

    private static IEnumerable<object[]> Sections() => BySection.Select(s => new object[] { s.Section, s.Text });

    [Test]
    public void Tag_IsLifeStoryAndRegistered()
    {
        Assert.That(Degradation.Tag, Is.EqualTo("life_story").And.EqualTo(ReasonTags.LifeStory));
        Assert.That(TextDegradations.All.Select(d => d.Tag), Does.Contain(ReasonTags.LifeStory));
    }

    [Test]
    public void Stories_HaveNoDigits()
    {
        var all = LifeStories.Sentences.Concat(LifeStories.Asides).Concat(LifeStories.ProjectAsides);
        Assert.That(all, Has.None.Match(@"\d"));
    }

    [TestCaseSource(nameof(Sections))]
    public void Apply_EverySection_AddsOffTopicDetailWithoutDigits(string section, string text)
    {
        Assert.That(Degradation.AppliesTo(section), Is.True);
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, text, section, new Random(seed));
            Assert.That(result.Applied, Is.True, $"seed {seed}: {result.NotApplicableReason}");
            Assert.Multiple(() =>
            {
                Assert.That(ContainsStory(result.Text!), Is.True, result.Text);
                Assert.That(TextTools.CountDigits(result.Text!), Is.LessThanOrEqualTo(TextTools.CountDigits(text)));
                Assert.That(HasPunctuationSlip(result.Text!), Is.False, result.Text);
            });
        }
    }

    [TestCaseSource(nameof(Sections))]
    public void Apply_SameSeed_GivesSameText(string section, string text)
    {
        var first = TextDegradations.Apply(Degradation, text, section, new Random(13));
        var second = TextDegradations.Apply(Degradation, text, section, new Random(13));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Apply_NurseHeadline_KeepsTheTitleAndPushesOutTheFocus()
    {
        var result = TextDegradations.Apply(Degradation, NurseHeadline, ContentSections.Headline, new Random(1)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.StartWith("Registered Nurse | "));
            Assert.That(result, Does.Not.Contain("critically ill children"));
            Assert.That(LifeStories.Asides.Any(a => result.EndsWith(a, StringComparison.Ordinal)), Is.True, result);
        });
    }

    [Test]
    public void Apply_TeacherAbout_PrependsOrReplacesWithPersonalHistory()
    {
        var prepended = 0;
        var replaced = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, TeacherAbout, ContentSections.About, new Random(seed)).Text!;
            Assert.That(SoftwareWords.Any(w => result.Contains(w, StringComparison.OrdinalIgnoreCase)), Is.False, result);
            if (result.EndsWith(TeacherAbout, StringComparison.Ordinal))
            {
                Assert.That(LifeStories.Sentences.Any(s => result.StartsWith(s, StringComparison.Ordinal)), Is.True, result);
                prepended++;
            }
            else
            {
                Assert.That(result, Does.StartWith("I teach maths to students aged 11 to 16 at a comprehensive school in Leeds. "), "the opening stays");
                Assert.That(result.Length, Is.LessThan(TeacherAbout.Length + 200));
                replaced++;
            }
        }

        Assert.That(prepended, Is.Positive, "some seeds put the story first");
        Assert.That(replaced, Is.Positive, "some seeds replace part of the substance");
    }

    [Test]
    public void Apply_Experience_KeepsTheJobLineFirst()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var result = TextDegradations.Apply(Degradation, AccountantExperience, ContentSections.Experience, new Random(seed)).Text!;
            Assert.That(result, Does.StartWith("Senior Accountant, Harbour & Finch (2019–present). "));
        }
    }

    [Test]
    public void Apply_Readme_KeepsHeadingFirstAndCodeUntouched()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, KnittingReadme, ContentSections.Readme, new Random(seed)).Text!;
            Assert.That(result, Does.StartWith("# Knitting patterns\n\n").And.Contain(Fence).And.Contain("## What's here"));
        }
    }

    [TestCase(ContentSections.Bio, "Electrician in Bristol")]
    [TestCase(ContentSections.RepoDescription, "Analysis scripts, ")]
    public void Apply_ShortSections_KeepOnlyTheFirstSegment(string section, string head)
    {
        var text = section == ContentSections.Bio ? ElectricianBio : ScientistRepoDescription;
        var result = TextDegradations.Apply(Degradation, text, section, new Random(6)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.Contain(head));
            Assert.That(result, Does.Not.Contain("solar installations").And.Not.Contain("cleaning pipeline"));
        });
    }

    [Test]
    public void Apply_OneWordHeadline_AppendsAnAside()
    {
        var result = TextDegradations.Apply(Degradation, OneWordHeadline, ContentSections.Headline, new Random(2)).Text!;
        Assert.That(result, Does.StartWith("Nurse | ").And.Not.Contain("| |"));
    }

    [TestCase(".")]
    [TestCase("  ")]
    public void Apply_NoWords_ReportsNotApplicable(string text)
    {
        var result = TextDegradations.Apply(Degradation, text, ContentSections.Bio, new Random(1));
        Assert.That(result.Applied, Is.False);
    }

    private static bool ContainsStory(string text) =>
        LifeStories.Sentences.Concat(LifeStories.Asides).Concat(LifeStories.ProjectAsides).Any(s => text.Contains(s, StringComparison.Ordinal));
}
