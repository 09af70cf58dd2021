using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Tests.Metrics.Lexicon;

public class LexiconTests
{
    [TestCase("results-driven", nameof(WordClass.Buzzword))]
    [TestCase("Synergy", nameof(WordClass.Buzzword))]
    [TestCase("NINJA", nameof(WordClass.Buzzword))]
    [TestCase("passionate", nameof(WordClass.Buzzword))]
    [TestCase("go-getter", nameof(WordClass.Buzzword))]
    [TestCase("led", nameof(WordClass.ActionVerb))]
    [TestCase("built", nameof(WordClass.ActionVerb))]
    [TestCase("shipped", nameof(WordClass.ActionVerb))]
    [TestCase("reduced", nameof(WordClass.ResultVerb))]
    [TestCase("migrated", nameof(WordClass.ActionVerb))]
    [TestCase("migrating", nameof(WordClass.ActionVerb))]
    [TestCase("simplifies", nameof(WordClass.ActionVerb))]
    [TestCase("various", nameof(WordClass.Vague))]
    [TestCase("etc", nameof(WordClass.Filler))]
    [TestCase("c#", nameof(WordClass.Tech))]
    [TestCase(".NET", nameof(WordClass.Tech))]
    [TestCase("engineers", nameof(WordClass.Measure))]
    [TestCase("ms", nameof(WordClass.Unit))]
    [TestCase("I’m", nameof(WordClass.FirstPerson))]
    public void Find_KnownWord_HasClass(string word, string className)
    {
        var expected = Enum.Parse<WordClass>(className);
        var entry = WordLexicon.Find(word);

        Assert.That(entry?.Classes & expected, Is.EqualTo(expected));
    }

    [TestCase("lead")]
    [TestCase("design")]
    [TestCase("test")]
    public void ActionVerbs_NounLikeBaseForm_IsNotAnActionVerb(string word)
    {
        Assert.That(ActionVerbs.All.Contains(word), Is.False);
    }

    [TestCase("think outside the box", nameof(PhraseKind.Cliche))]
    [TestCase("team player", nameof(PhraseKind.Cliche))]
    [TestCase("in order to", nameof(PhraseKind.Filler))]
    [TestCase("I am a person who", nameof(PhraseKind.Filler))]
    [TestCase("responsible for", nameof(PhraseKind.Weak))]
    public void Find_LastWordOfPhrase_CarriesThePhrase(string phrase, string kindName)
    {
        var kind = Enum.Parse<PhraseKind>(kindName);
        var words = phrase.ToLowerInvariant().Split(' ');

        var entry = WordLexicon.Find(words[^1]);

        Assert.That(entry?.Phrases.Any(p => p.Kind == kind && p.Words.SequenceEqual(words)), Is.True);
    }

    [Test]
    public void Find_UnknownWord_ReturnsNull()
    {
        Assert.That(WordLexicon.Find("zzyzx"), Is.Null);
    }

    [Test]
    public void Lexicons_AreCaseInsensitiveFrozenSets()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Lexicons.Technologies.Contains("KUBERNETES"), Is.True);
            Assert.That(Lexicons.Buzzwords, Is.InstanceOf<System.Collections.Frozen.FrozenSet<string>>());
            Assert.That(WordLexicon.Count, Is.GreaterThan(1000));
        });
    }
}
