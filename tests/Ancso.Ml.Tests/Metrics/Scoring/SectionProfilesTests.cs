using Ancso.Ml.Content;
using Ancso.Ml.Metrics.Scoring;

namespace Ancso.Ml.Tests.Metrics.Scoring;

public class SectionProfilesTests
{
    [TestCase(ContentSections.Headline, nameof(SectionKind.Headline))]
    [TestCase("ABOUT", nameof(SectionKind.About))]
    [TestCase(" experience ", nameof(SectionKind.Experience))]
    [TestCase(ContentSections.Bio, nameof(SectionKind.Bio))]
    [TestCase(ContentSections.Readme, nameof(SectionKind.Readme))]
    [TestCase(ContentSections.RepoDescription, nameof(SectionKind.RepoDescription))]
    [TestCase("summary", nameof(SectionKind.Generic))]
    [TestCase("", nameof(SectionKind.Generic))]
    [TestCase(null, nameof(SectionKind.Generic))]
    public void For_SectionName_SelectsProfile(string? section, string kindName)
    {
        var expected = Enum.Parse<SectionKind>(kindName);
        Assert.That(SectionProfiles.For(section).Kind, Is.EqualTo(expected));
    }

    [Test]
    public void Profiles_IdealRanges_MatchTheSectionGuidance()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SectionProfiles.Headline.IdealLength, Is.EqualTo((40.0, 160.0)));
            Assert.That(SectionProfiles.About.IdealLength, Is.EqualTo((400.0, 2000.0)));
            Assert.That(SectionProfiles.About.IdealSentences, Is.EqualTo((3.0, 8.0)));
            Assert.That(SectionProfiles.Bio.IdealLength.High, Is.EqualTo(160.0));
            Assert.That(SectionProfiles.RepoDescription.IdealLength, Is.EqualTo((40.0, 200.0)));
        });
    }
}
