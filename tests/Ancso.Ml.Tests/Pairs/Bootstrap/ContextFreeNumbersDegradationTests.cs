using System.Text.RegularExpressions;
using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;
using static Ancso.Ml.Tests.Pairs.Bootstrap.NonSoftwareTexts;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class ContextFreeNumbersDegradationTests
{
    private static readonly ContextFreeNumbersDegradation Degradation = new();

    private static IEnumerable<object[]> Sections() => BySection.Select(s => new object[] { s.Section, s.Text });

    [Test]
    public void Apply_FiguresInOtherScripts_NoException()
    {
        // \d matches any Unicode decimal digit; a four-digit figure in Arabic-Indic digits once made the year check throw.
        const string text = "Rebuilt the invoice run for the wholesale team; late payments fell from \u0662\u0660\u0662\u0663 to \u0664\u0660 a month.";
        for (var seed = 0; seed < 20; seed++)
        {
            Assert.DoesNotThrow(() => TextDegradations.Apply(Degradation, text, ContentSections.Experience, new Random(seed)), $"seed {seed}");
        }
    }

    [Test]
    public void Tag_IsContextFreeNumbersAndRegistered()
    {
        Assert.That(Degradation.Tag, Is.EqualTo("context_free_numbers").And.EqualTo(ReasonTags.ContextFreeNumbers));
        Assert.That(TextDegradations.All.Select(d => d.Tag), Does.Contain(ReasonTags.ContextFreeNumbers));
    }

    [TestCaseSource(nameof(Sections))]
    public void Apply_EverySection_AddsDigitsAndChangesTheTextMeaningfully(string section, string text)
    {
        Assert.That(Degradation.AppliesTo(section), Is.True);
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, text, section, new Random(seed));
            Assert.That(result.Applied, Is.True, $"seed {seed}: {result.NotApplicableReason}");
            Assert.That(TextTools.CountDigits(result.Text!), Is.GreaterThan(TextTools.CountDigits(text)), result.Text);
            Assert.That(HasPunctuationSlip(result.Text!), Is.False, result.Text);
        }
    }

    [TestCaseSource(nameof(Sections))]
    public void Apply_SameSeed_GivesSameText(string section, string text)
    {
        var first = TextDegradations.Apply(Degradation, text, section, new Random(5));
        var second = TextDegradations.Apply(Degradation, text, section, new Random(5));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Apply_NurseHeadline_AppendsPipeSeparatedCountsAndKeepsTheHeadline()
    {
        var result = TextDegradations.Apply(Degradation, NurseHeadline, ContentSections.Headline, new Random(1)).Text!;
        var added = result[NurseHeadline.Length..].Split(" | ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.StartWith(NurseHeadline + " | "));
            Assert.That(added, Has.Length.InRange(2, 3));
            Assert.That(added, Has.All.Match(@"\d"), "every added segment is a figure");
            Assert.That(SoftwareWords.Any(w => result.Contains(w, StringComparison.OrdinalIgnoreCase)), Is.False, result);
        });
    }

    [Test]
    public void Apply_TeacherAbout_AddsASentenceOfCountsOrReplacesTheResult()
    {
        var added = 0;
        var replaced = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, TeacherAbout, ContentSections.About, new Random(seed)).Text!;
            Assert.That(SoftwareWords.Any(w => result.Contains(w, StringComparison.OrdinalIgnoreCase)), Is.False, result);
            if (result.Contains("from 61% to 78%", StringComparison.Ordinal))
            {
                Assert.That(result.Length, Is.GreaterThan(TeacherAbout.Length));
                Assert.That(result, Does.Contain(TeacherAbout.TrimEnd('.')), "the counts are a sentence of their own");
                added++;
            }
            else
            {
                Assert.That(result, Does.Contain("led the department's switch to mastery teaching; ").And.Match(@"; \d+(x|%) [a-z]"), result);
                replaced++;
            }
        }

        Assert.That(added, Is.Positive, "some seeds add a sentence of counts");
        Assert.That(replaced, Is.Positive, "some seeds replace the concrete result");
    }

    [Test]
    public void Apply_AccountantExperience_AddsAShortClause()
    {
        var result = TextDegradations.Apply(Degradation, AccountantExperience, ContentSections.Experience, new Random(1)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.StartWith("Senior Accountant, Harbour & Finch (2019–present)."));
            Assert.That(result, Does.Match(@"; [^;]*\d[^;]* and [^;]*\d[^;]*\.$"), result);
        });
    }

    [Test]
    public void Apply_DatesOnly_AreNotTreatedAsResults()
    {
        const string text = "Ward Sister, St Mary's Hospital — since 2019. Leads a team of nurses on a busy surgical ward and trains new starters.";
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, text, ContentSections.Experience, new Random(seed)).Text!;
            Assert.That(result, Does.Contain("since 2019"), "a year is not a result to replace");
        }
    }

    [Test]
    public void Apply_TextWithoutNumbers_GainsNumbers()
    {
        const string text = "Primary school teacher who loves reading aloud and running the garden club.";
        var result = TextDegradations.Apply(Degradation, text, ContentSections.Bio, new Random(3));
        Assert.That(TextTools.CountDigits(result.Text!), Is.GreaterThan(0));
    }

    [Test]
    public void Apply_Readme_KeepsHeadingFirstAndCodeUntouched()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var result = TextDegradations.Apply(Degradation, KnittingReadme, ContentSections.Readme, new Random(seed)).Text!;
            Assert.That(result, Does.StartWith("# Knitting patterns\n\n").And.Contain(Fence));
            Assert.That(Regex.IsMatch(result, @"\n\n[A-Z0-9][^\n]*\d[^\n]*\.(\n|$)"), Is.True, "the counts are a paragraph: " + result);
        }
    }

    [Test]
    public void Apply_OneWordHeadline_StillReads()
    {
        var result = TextDegradations.Apply(Degradation, OneWordHeadline, ContentSections.Headline, new Random(2)).Text!;
        Assert.That(result, Does.StartWith("Nurse | ").And.Match(@"^Nurse( \| [^|]+)+$"));
    }

    [TestCase(".")]
    [TestCase(" - ")]
    [TestCase("   ")]
    public void Apply_NoWords_ReportsNotApplicable(string text)
    {
        var result = TextDegradations.Apply(Degradation, text, ContentSections.Bio, new Random(1));
        Assert.That(result.Applied, Is.False);
    }
}
