using Ancso.Ml.Content;
using Ancso.Ml.Learning.Bootstrap;

namespace Ancso.Ml.Tests.Pairs.Bootstrap;

public class BenchmarkProfilesTests
{
    private const string ValidProfile = """{"id":"gh-x","role":"backend","seniority":"senior","industry":"fintech","sections":{"bio":["A bio."],"readme":["# Readme"],"repo_description":["A repo."]}}""";

    [TestCase(ContentPlatforms.GitHub)]
    [TestCase(ContentPlatforms.LinkedIn)]
    public void Embedded_EachPlatform_HasAtLeastSixtyProfilesWithEverySection(string platform)
    {
        var profiles = BenchmarkProfiles.Embedded.GetProfiles(platform);

        Assert.That(profiles, Has.Count.GreaterThanOrEqualTo(60));
        foreach (var profile in profiles)
        {
            Assert.That(profile.Platform, Is.EqualTo(platform));
            foreach (var section in ContentSections.ForPlatform(platform))
            {
                Assert.That(profile.GetTexts(section), Is.Not.Empty, $"{profile.Id} has no {section}");
                Assert.That(profile.GetTexts(section), Has.All.Not.Empty);
            }
        }
    }

    [Test]
    public void Embedded_AllTexts_AreUnique()
    {
        var corpus = BenchmarkProfiles.Embedded;
        var texts = corpus.Platforms.SelectMany(p => corpus.GetProfiles(p)).SelectMany(p => p.Sections.Values).SelectMany(t => t).ToList();

        Assert.That(texts, Is.Unique);
        Assert.That(texts, Has.Count.GreaterThan(400));
    }

    [TestCase(ContentPlatforms.GitHub)]
    [TestCase(ContentPlatforms.LinkedIn)]
    public void Embedded_Profiles_VaryInRoleSeniorityIndustryLengthAndNumbers(string platform)
    {
        var profiles = BenchmarkProfiles.Embedded.GetProfiles(platform);
        var texts = profiles.SelectMany(p => p.Sections.Values).SelectMany(t => t).ToList();
        var withoutDigits = texts.Count(t => TextTools.CountDigits(t) == 0);
        var lengths = texts.Select(t => t.Length).Order().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(profiles.Select(p => p.Role).Distinct().Count(), Is.GreaterThanOrEqualTo(30));
            Assert.That(profiles.Select(p => p.Seniority).Distinct().Count(), Is.GreaterThanOrEqualTo(8));
            Assert.That(profiles.Select(p => p.Industry).Distinct().Count(), Is.GreaterThanOrEqualTo(20));
            Assert.That(profiles.Select(p => p.Id), Is.Unique);
            Assert.That(withoutDigits, Is.GreaterThan(texts.Count / 3), "many good texts have no numbers at all");
            Assert.That(withoutDigits, Is.LessThan(texts.Count), "some good texts do have numbers");
            Assert.That(lengths[^1], Is.GreaterThan(lengths[0] * 10), "lengths vary");
        });
    }

    [Test]
    public void GetProfiles_UnknownPlatform_ThrowsNamingKnownPlatforms()
    {
        var ex = Assert.Throws<ArgumentException>(() => BenchmarkProfiles.Embedded.GetProfiles("myspace"));
        Assert.That(ex!.Message, Does.Contain("myspace").And.Contain("github").And.Contain("linkedin"));
    }

    [Test]
    public void GetTexts_Section_ReturnsTextsOfEveryProfile()
    {
        var corpus = BenchmarkProfiles.Embedded;
        var bios = corpus.GetTexts(ContentPlatforms.GitHub, ContentSections.Bio);
        Assert.That(bios, Has.Count.EqualTo(corpus.GetProfiles(ContentPlatforms.GitHub).Sum(p => p.GetTexts(ContentSections.Bio).Count)));
    }

    [Test]
    public void Parse_InvalidJson_NamesSourceAndLine()
    {
        var json = "{\n  \"schema_version\": 1,\n  \"platform\": \"github\",\n  \"profiles\": [ oops ]\n}";
        var ex = Assert.Throws<InvalidDataException>(() => BenchmarkProfiles.Parse([("github.json", json)]));
        Assert.That(ex!.Message, Does.Contain("github.json").And.Contain("line 4"));
    }

    [Test]
    public void Parse_MissingSection_NamesProfileAndSection()
    {
        var json = """{"schema_version":1,"platform":"github","profiles":[{"id":"gh-7","role":"r","seniority":"s","industry":"i","sections":{"bio":["A bio."],"repo_description":["A repo."]}}]}""";
        var ex = Assert.Throws<InvalidDataException>(() => BenchmarkProfiles.Parse([("github.json", json)]));
        Assert.That(ex!.Message, Does.Contain("github.json").And.Contain("gh-7").And.Contain("'readme'"));
    }

    [Test]
    public void Parse_DuplicateText_NamesBothPlaces()
    {
        var second = ValidProfile.Replace("gh-x", "gh-y", StringComparison.Ordinal).Replace("# Readme", "# Other", StringComparison.Ordinal).Replace("A repo.", "B repo.", StringComparison.Ordinal);
        var json = $$"""{"schema_version":1,"platform":"github","profiles":[{{ValidProfile}},{{second}}]}""";
        var ex = Assert.Throws<InvalidDataException>(() => BenchmarkProfiles.Parse([("github.json", json)]));
        Assert.That(ex!.Message, Does.Contain("profiles[1] ('gh-y').sections.bio[0]").And.Contain("profiles[0] ('gh-x').sections.bio[0]"));
    }

    [Test]
    public void Parse_DuplicateId_Throws()
    {
        var second = ValidProfile.Replace("A bio.", "B bio.", StringComparison.Ordinal).Replace("# Readme", "# Other", StringComparison.Ordinal).Replace("A repo.", "B repo.", StringComparison.Ordinal);
        var json = $$"""{"schema_version":1,"platform":"github","profiles":[{{ValidProfile}},{{second}}]}""";
        var ex = Assert.Throws<InvalidDataException>(() => BenchmarkProfiles.Parse([("github.json", json)]));
        Assert.That(ex!.Message, Does.Contain("gh-x").And.Contain("unique id"));
    }

    [TestCase("""{"schema_version":2,"platform":"github","profiles":[]}""", "schema_version")]
    [TestCase("""{"schema_version":1,"platform":"myspace","profiles":[]}""", "myspace")]
    [TestCase("""{"schema_version":1,"platform":"github","profiles":[]}""", "'profiles' is empty")]
    [TestCase("""{"schema_version":1,"platform":"github"}""", "no 'profiles' field")]
    public void Parse_BadDocument_ExplainsTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => BenchmarkProfiles.Parse([("corpus.json", json)]));
        Assert.That(ex!.Message, Does.Contain("corpus.json").And.Contain(expected));
    }

    [Test]
    public void Parse_UnknownSection_NamesKnownSections()
    {
        var json = $$"""{"schema_version":1,"platform":"github","profiles":[{{ValidProfile.Replace("\"bio\"", "\"headline\"", StringComparison.Ordinal)}}]}""";
        var ex = Assert.Throws<InvalidDataException>(() => BenchmarkProfiles.Parse([("github.json", json)]));
        Assert.That(ex!.Message, Does.Contain("unknown section 'headline'").And.Contain("bio, readme, repo_description"));
    }

    [Test]
    public void Parse_ValidDocument_ExposesProfile()
    {
        var corpus = BenchmarkProfiles.Parse([("github.json", $$"""{"schema_version":1,"platform":"github","profiles":[{{ValidProfile}}]}""")]);
        var profile = corpus.GetProfiles(ContentPlatforms.GitHub).Single();
        Assert.Multiple(() =>
        {
            Assert.That(corpus.Platforms, Is.EqualTo(new[] { "github" }));
            Assert.That(profile.Id, Is.EqualTo("gh-x"));
            Assert.That(profile.Role, Is.EqualTo("backend"));
            Assert.That(profile.GetTexts(ContentSections.Readme), Is.EqualTo(new[] { "# Readme" }));
            Assert.That(profile.GetTexts(ContentSections.Headline), Is.Empty);
        });
    }
}
