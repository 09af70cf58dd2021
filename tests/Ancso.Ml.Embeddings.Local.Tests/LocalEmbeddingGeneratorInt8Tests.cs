using Ancso.Ml.Content;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Metrics;
using Ancso.Ml.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Embeddings.Local.Tests;

public class LocalEmbeddingGeneratorInt8Tests
{
    /// <summary>
    /// The lowest cosine between an int8 vector and its float32 one over the 176 distinct judged texts. Measured on
    /// 2026-12-06: mean 0.9990, lowest 0.9975 (AVX-512 VNNI); the bounds leave room for another CPU's kernels, not for a
    /// broken quantization (a wrong scale or a sign error falls far below).
    /// </summary>
    private const double LowestCosine = 0.99;

    private const double MeanCosine = 0.995;

    private static readonly Lazy<LocalEmbeddingGenerator> Float32 = new(() => new LocalEmbeddingGenerator());
    private static readonly Lazy<LocalEmbeddingGenerator> Int8 = new(() => new LocalEmbeddingGenerator(new LocalEmbeddingOptions { Precision = LocalEmbeddingPrecision.Int8 }));

    [OneTimeTearDown]
    public void TearDown()
    {
        foreach (var generator in new[] { Float32, Int8 }.Where(g => g.IsValueCreated))
        {
            generator.Value.Dispose();
        }
    }

    [Test]
    public async Task GenerateAsync_JudgedTexts_StayCloseToTheFloat32Vectors()
    {
        var texts = LocalEmbeddingGeneratorTests.JudgedTexts().Distinct().ToArray();
        Assert.That(texts, Has.Length.GreaterThan(100));

        var exact = await Float32.Value.GenerateAsync(texts);
        var quantized = await Int8.Value.GenerateAsync(texts);

        var cosines = Enumerable.Range(0, texts.Length).Select(i => Dot(exact[i], quantized[i])).ToArray();
        TestContext.Out.WriteLine($"int8 vs float32 over {texts.Length} texts: mean {cosines.Average():F4}, lowest {cosines.Min():F4}");
        Assert.That(cosines.Min(), Is.GreaterThan(LowestCosine));
        Assert.That(cosines.Average(), Is.GreaterThan(MeanCosine));
        Assert.That(cosines.Average(), Is.LessThan(0.99999), "the vectors changed, so the int8 graph ran");
    }

    [Test]
    public async Task GenerateAsync_Int8_VectorsAreUnitLengthAndNamedByTheInt8Id()
    {
        var result = await Int8.Value.GenerateAsync(["Backend engineer building payment reconciliation services in Java", "", "Ünïcode ✓ 日本語"]);
        foreach (var e in result)
        {
            Assert.That(Math.Sqrt(Dot(e, e)), Is.EqualTo(1).Within(1e-4));
            Assert.That(e.ModelId, Is.EqualTo(LocalEmbeddingGenerator.Int8ModelId));
        }
    }

    [Test]
    public async Task GenerateAsync_Int8SameTextTwice_GivesTheSameVector()
    {
        var texts = LocalEmbeddingGeneratorTests.JudgedTexts().Take(5).ToArray();
        var first = await Int8.Value.GenerateAsync(texts);
        using var other = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { Precision = LocalEmbeddingPrecision.Int8 });
        var second = await other.GenerateAsync(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.That(second[i].Vector.ToArray(), Is.EqualTo(first[i].Vector.ToArray()), $"text {i}");
        }
    }

    [Test]
    public async Task GenerateAsync_Int8OneBatchOrOneByOne_GivesTheSameBytes()
    {
        // Activations are quantized with one scale per run: batched with others, a text's vector moved (cosine 0.998 to
        // the text alone), so the int8 generator runs each text alone and a vector never depends on its companions.
        var texts = LocalEmbeddingGeneratorTests.JudgedTexts().Take(24).ToArray();
        var together = await Int8.Value.GenerateAsync(texts);
        for (var i = 0; i < texts.Length; i += 5)
        {
            var alone = await Int8.Value.GenerateAsync([texts[i]]);
            Assert.That(alone[0].Vector.ToArray(), Is.EqualTo(together[i].Vector.ToArray()), $"text {i}");
        }
    }

    [Test]
    public void GetService_Int8_DeclaresAnotherEmbedderId()
    {
        Assert.That(EmbeddingGeneratorIdentity.Describe(Int8.Value), Is.EqualTo(("local:arctic-embed-xs-int8", 384)));
        Assert.That(EmbeddingGeneratorIdentity.Describe(Float32.Value), Is.EqualTo(("local:arctic-embed-xs", 384)));
    }

    [Test]
    public async Task UseLocalEmbeddings_Int8_NeverReadsTheFloat32CachedVectors()
    {
        var root = Path.Combine(Path.GetTempPath(), "ancso-int8-tests", Guid.NewGuid().ToString("N"));
        try
        {
            const string text = "Data engineer who keeps the nightly warehouse loads on time";
            var float32 = await EmbedThroughThePipeline(root, LocalEmbeddingPrecision.Float32, text);
            var int8 = await EmbedThroughThePipeline(root, LocalEmbeddingPrecision.Int8, text);

            Assert.That(float32.Id, Is.EqualTo("local:arctic-embed-xs"));
            Assert.That(int8.Id, Is.EqualTo("local:arctic-embed-xs-int8"));
            var direct = await Int8.Value.GenerateAsync([text]);
            Assert.That(int8.Vector, Is.EqualTo(direct[0].Vector.ToArray()), "the int8 path embedded the text itself, though the same database held its float32 vector");
            Assert.That(int8.Vector, Is.Not.EqualTo(float32.Vector));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Constructor_UndefinedPrecision_Throws()
    {
        Assert.That(() => new LocalEmbeddingGenerator(new LocalEmbeddingOptions { Precision = (LocalEmbeddingPrecision)7 }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Precision"));
    }

    /// <summary>Embeds <paramref name="text"/> through the ranker's embeddings pipeline over one SQLite file in <paramref name="root"/>.</summary>
    private static async Task<(string Id, float[] Vector)> EmbedThroughThePipeline(string root, LocalEmbeddingPrecision precision, string text)
    {
        var services = new ServiceCollection();
        services.AddRanker(o => o.ModelsDirectory = Path.Combine(root, "models"))
            .AddSqlitePairStore(o => o.DatabasePath = Path.Combine(root, "pairs.db"))
            .UseLocalEmbeddings(o => o.Precision = precision);
        await using var provider = services.BuildServiceProvider();
        var features = provider.GetRequiredService<IFeatureBuilder>();
        var row = new float[features.Layout.Width];
        await features.WriteFeaturesAsync([new ContentItem("t", ContentPlatforms.LinkedIn, ContentSections.About, text)], row, new ContentMetrics[1]);
        return (features.Layout.EmbeddingGeneratorId, row[..features.Layout.EmbeddingDimension]);
    }

    private static double Dot(Embedding<float> a, Embedding<float> b) =>
        a.Vector.Span.ToArray().Zip(b.Vector.Span.ToArray()).Sum(p => (double)p.First * p.Second);
}
