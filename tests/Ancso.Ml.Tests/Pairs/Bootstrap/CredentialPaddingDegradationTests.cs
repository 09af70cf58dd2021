using System.Globalization;
using System.Text.RegularExpressions;
using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;
using static Ancso.Ml.Tests.Pairs.Bootstrap.NonSoftwareTexts;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class CredentialPaddingDegradationTests
{
    private static readonly CredentialPaddingDegradation Degradation = new();

    private static IEnumerable<object[]> Sections() => BySection.Select(s => new object[] { s.Section, s.Text });

    [Test]
    public void Tag_IsCredentialPaddingAndRegistered()
    {
        Assert.That(Degradation.Tag, Is.EqualTo("credential_padding").And.EqualTo(ReasonTags.CredentialPadding));
        Assert.That(TextDegradations.All.Select(d => d.Tag), Does.Contain(ReasonTags.CredentialPadding));
    }

    [TestCaseSource(nameof(Sections))]
    public void Apply_EverySection_PadsWithDatedCredentialsAndKeepsTheText(string section, string text)
    {
        Assert.That(Degradation.AppliesTo(section), Is.True);
        for (var seed = 0; seed < 20; seed++)
        {
            var result = TextDegradations.Apply(Degradation, text, section, new Random(seed)).Text!;
            var years = Regex.Matches(result, @"\((\d{4})\)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(result.Length, Is.GreaterThan(text.Length));
                Assert.That(years, Has.Count.GreaterThanOrEqualTo(4).And.All.InRange(2004, 2024), result);
                Assert.That(result, Does.Match(section == ContentSections.Experience ? "completed courses in " : @"\b(BSc|BA|MSc|MA|MBA|PGCert|PGDip|HND) \(\d{4}\)"));
                Assert.That(result, Does.Contain("ertified in "));
                Assert.That(Words(result), Is.SupersetOf(Words(text)), "the original wording stays; only credentials are added");
                Assert.That(HasPunctuationSlip(result), Is.False, result);
            });
        }
    }

    [TestCaseSource(nameof(Sections))]
    public void Apply_SameSeed_GivesSameText(string section, string text)
    {
        var first = TextDegradations.Apply(Degradation, text, section, new Random(8));
        var second = TextDegradations.Apply(Degradation, text, section, new Random(8));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Apply_NurseHeadline_AppendsDegreesAndCertificatesAsSegments()
    {
        var result = TextDegradations.Apply(Degradation, NurseHeadline, ContentSections.Headline, new Random(1)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.StartWith(NurseHeadline + " | "));
            Assert.That(result, Does.Match(@" \| [A-Z][A-Za-z]+ \(\d{4}\), [A-Z][A-Za-z]+ \(\d{4}\) \| Certified in [^|]+$"), result);
            Assert.That(SoftwareWords.Any(w => result.Contains(w, StringComparison.OrdinalIgnoreCase)), Is.False, result);
        });
    }

    [Test]
    public void Apply_TeacherAbout_AddsAParagraphWithMembershipAndCourses()
    {
        var result = TextDegradations.Apply(Degradation, TeacherAbout, ContentSections.About, new Random(4)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.Contain(TeacherAbout));
            Assert.That(result, Does.Match(@"member since \d{4} of the [A-Z]").And.Contain("Completed courses: "));
            Assert.That(SoftwareWords.Any(w => result.Contains(w, StringComparison.OrdinalIgnoreCase)), Is.False, result);
        });
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
    public void Apply_Readme_AddsAListSectionAfterTheCode()
    {
        var result = TextDegradations.Apply(Degradation, KnittingReadme, ContentSections.Readme, new Random(2)).Text!;
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.StartWith(KnittingReadme + "\n\n## Certifications and courses\n\n- Certified in "));
            Assert.That(result.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2 + 6));
        });
    }

    [Test]
    public void Apply_OneWordHeadline_StillReads()
    {
        var result = TextDegradations.Apply(Degradation, OneWordHeadline, ContentSections.Headline, new Random(2)).Text!;
        Assert.That(result, Does.StartWith("Nurse | ").And.Not.Contain("| |"));
    }

    [TestCase(".")]
    [TestCase("—")]
    public void Apply_NoWords_ReportsNotApplicable(string text)
    {
        var result = TextDegradations.Apply(Degradation, text, ContentSections.Headline, new Random(1));
        Assert.That(result.Applied, Is.False);
    }

    private static HashSet<string> Words(string text) =>
        Regex.Matches(text, @"[A-Za-z]{3,}").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
}
