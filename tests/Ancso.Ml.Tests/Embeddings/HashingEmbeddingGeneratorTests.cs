using System.Text;
using Ancso.Ml.Embeddings;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Tests.Embeddings;

public class HashingEmbeddingGeneratorTests
{
    // Pinned output of ancso:hashing-v1 at the default dimension: every non-zero (index, value). A change here is a
    // change of algorithm, which needs a new generator id.
    private static readonly object[] PinnedVectors =
    [
        new object[]
        {
            "C# & node.js dev",
            new (int, float)[]
            {
                (186, -0.201736644f), (196, -0.201736644f), (235, 0.201736644f), (301, 0.201736644f), (516, 0.285298705f),
                (532, -0.201736644f), (541, -0.201736644f), (644, 0.201736644f), (664, 0.340997159f), (1056, 0.201736644f),
                (1120, -0.201736644f), (1139, -0.340997159f), (1273, -0.201736644f), (1402, 0.285298705f),
                (1413, 0.201736644f), (1433, 0.201736644f), (1511, 0.340997159f),
            },
        },
        new object[]
        {
            "Café Zürich",
            new (int, float)[]
            {
                (217, -0.252262503f), (219, -0.252262503f), (391, 0.426401436f), (507, -0.252262503f), (565, -0.252262503f),
                (595, -0.426401436f), (631, -0.252262503f), (867, -0.252262503f), (896, -0.356753051f), (1270, 0.252262503f),
                (1369, -0.252262503f),
            },
        },
        new object[]
        {
            "Инженер ПО",
            new (int, float)[]
            {
                (75, -0.244599789f), (126, 0.244599789f), (328, 0.413449109f), (357, -0.244599789f), (397, 0.244599789f),
                (554, -0.244599789f), (794, -0.413449109f), (852, 0.345916331f), (928, -0.244599789f), (1377, -0.244599789f),
                (1486, -0.244599789f), (1510, 0.244599789f),
            },
        },
        new object[]
        {
            "東京 🚀👍🏽",
            new (int, float)[]
            {
                (127, 0.232047737f), (154, -0.232047737f), (279, -0.328165054f), (456, -0.232047737f), (551, 0.328165054f),
                (763, 0.232047737f), (820, -0.232047737f), (917, -0.392232269f), (1026, -0.392232269f), (1349, -0.392232269f),
                (1464, 0.232047737f),
            },
        },
    ];

    [TestCaseSource(nameof(PinnedVectors))]
    public void Embed_FixedText_MatchesPinnedVector(string text, (int Index, float Value)[] expected)
    {
        using var generator = new HashingEmbeddingGenerator();
        var vector = new float[HashingEmbeddingGenerator.DefaultDimension];
        generator.Embed(text, vector);

        var nonZero = vector.Select((value, index) => (Index: index, Value: value)).Where(p => p.Value != 0).ToArray();
        Assert.That(nonZero.Select(p => p.Index), Is.EqualTo(expected.Select(p => p.Index)));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(nonZero[i].Value, Is.EqualTo(expected[i].Value).Within(1e-6), $"value at index {expected[i].Index}");
        }
    }

    [Test]
    public void Embed_RandomTexts_MatchesReferenceAlgorithmBitForBit()
    {
        using var small = new HashingEmbeddingGenerator(8);
        using var medium = new HashingEmbeddingGenerator(97);
        using var large = new HashingEmbeddingGenerator();
        var random = new Random(1234);
        for (var t = 0; t < 300; t++)
        {
            var text = RandomText(random, random.Next(0, 120));
            foreach (var generator in new[] { small, medium, large })
            {
                var actual = new float[generator.Dimension];
                generator.Embed(text, actual);
                var expected = HashingEmbeddingReference.Embed(text, generator.Dimension);
                Assert.That(actual, Is.EqualTo(expected), $"text {t} ({Escape(text)}) at dimension {generator.Dimension}");
            }
        }
    }

    [Test]
    public async Task GenerateAsync_Text_IsUnitLengthAndDeterministic()
    {
        using var generator = new HashingEmbeddingGenerator();
        var first = await generator.GenerateAsync(["Senior backend engineer building payment APIs in C# and Go"]);
        var second = await generator.GenerateAsync(["Senior backend engineer building payment APIs in C# and Go"]);
        var v = first[0].Vector.ToArray();
        Assert.That(v, Has.Length.EqualTo(1536));
        Assert.That(v, Is.EqualTo(second[0].Vector.ToArray()));
        Assert.That(Norm(v), Is.EqualTo(1.0).Within(1e-6));
        Assert.That(first[0].ModelId, Is.EqualTo("hashing-v1"));
    }

    [TestCase("")]
    [TestCase("   \t\n")]
    [TestCase("— !?, … «» ™ 。「」")]
    public async Task GenerateAsync_TextWithoutTokens_IsZeroVector(string text)
    {
        using var generator = new HashingEmbeddingGenerator(64);
        var result = await generator.GenerateAsync([text]);
        Assert.That(result[0].Vector.ToArray(), Has.Length.EqualTo(64).And.All.EqualTo(0f));
    }

    [TestCase(8)]
    [TestCase(300)]
    [TestCase(4096)]
    public async Task GenerateAsync_ConfiguredDimension_GivesUnitVectorsOfThatLength(int dimension)
    {
        using var generator = new HashingEmbeddingGenerator(dimension);
        var result = await generator.GenerateAsync(["Staff engineer, distributed systems", "Открытый код — 開発者 ✨"]);
        Assert.That(result, Has.Count.EqualTo(2));
        foreach (var embedding in result)
        {
            Assert.That(embedding.Vector.Length, Is.EqualTo(dimension));
            Assert.That(Norm(embedding.Vector.ToArray()), Is.EqualTo(1.0).Within(1e-6));
        }
    }

    [TestCase("RUST Engineer", "rust engineer")]
    [TestCase("ΑΘΗΝΑ ΟΔΟΣ", "αθηνα οδος")]
    [TestCase("МОСКВА", "москва")]
    [TestCase("İSTANBUL", "istanbul")]
    [TestCase("ＡＢＣ", "ａｂｃ")]
    [TestCase("ÉQUIPE ĐÀ NẴNG", "équipe đà nẵng")]
    [TestCase("Go, Rust & SQL!", "go rust sql")]
    [TestCase("👍🏽 great", "👍 great")]
    [TestCase("❤️ code", "❤ code")]
    public void Embed_TextsThatDifferOnlyInCaseOrSeparators_GiveTheSameVector(string left, string right)
    {
        using var generator = new HashingEmbeddingGenerator(256);
        Assert.That(Embed(generator, left), Is.EqualTo(Embed(generator, right)));
    }

    [TestCase("C++", "C")]
    [TestCase("C#", "C")]
    [TestCase("node.js", "node js")]
    [TestCase("ASP.NET Core", "ASP NET Core")]
    [TestCase("🚀 launch", "launch")]
    [TestCase("data engineer", "engineer data")]
    public void Embed_TextsThatDifferInTokensOrOrder_GiveDifferentVectors(string left, string right)
    {
        using var generator = new HashingEmbeddingGenerator(256);
        Assert.That(Embed(generator, left), Is.Not.EqualTo(Embed(generator, right)));
    }

    [Test]
    public void Embed_SimilarTexts_AreCloserThanUnrelatedTexts()
    {
        using var generator = new HashingEmbeddingGenerator();
        var a = Embed(generator, "Senior backend engineer building payment APIs");
        var b = Embed(generator, "Backend engineer who builds payments APIs");
        var c = Embed(generator, "Watercolour painter and gardening enthusiast");
        Assert.That(Dot(a, b), Is.GreaterThan(Dot(a, c) + 0.2));
    }

    [Test]
    public void Embed_DestinationOfWrongLength_ThrowsNamingBothLengths()
    {
        using var generator = new HashingEmbeddingGenerator(64);
        var ex = Assert.Throws<ArgumentException>(() => generator.Embed("text", new float[63]));
        Assert.That(ex!.Message, Does.Contain("63").And.Contain("64"));
    }

    [Test]
    public void Constructor_DimensionBelowEight_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new HashingEmbeddingGenerator(7));
    }

    [Test]
    public void GenerateAsync_RequestedDimensionDiffers_ThrowsNamingBoth()
    {
        using var generator = new HashingEmbeddingGenerator(64);
        var ex = Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 32 }));
        Assert.That(ex!.Message, Does.Contain("64").And.Contain("32"));
    }

    [Test]
    public void GenerateAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var generator = new HashingEmbeddingGenerator(64);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(
            async () => await generator.GenerateAsync(["a", "b"], cancellationToken: cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Describe_HashingGenerator_GivesVersionedId()
    {
        using var generator = new HashingEmbeddingGenerator(256);
        var (id, dimension) = EmbeddingGeneratorIdentity.Describe(generator);
        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo("ancso:hashing-v1"));
            Assert.That(dimension, Is.EqualTo(256));
        });
    }

    private static float[] Embed(HashingEmbeddingGenerator generator, string text)
    {
        var vector = new float[generator.Dimension];
        generator.Embed(text, vector);
        return vector;
    }

    private static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));

    private static string RandomText(Random random, int length)
    {
        string[] pieces =
        [
            "a", "B", "z", "Q", "0", "7", " ", " ", " ", "+", "#", ".", ".", ",", "-", "_", "'", "/", "\t", "\n",
            "é", "Ü", "ß", "×", "©", "\u00A0", "İ", "ſ", "Ǆ", "Ș", "ς", "Σ", "Ж", "ё", "Ա", "Ⴀ", "Ა", "Ẵ", "Ｆ", "！",
            "東", "京", "の", "々", "、", "。", "—", "•", "’", "™", "€", "→", "✓", "★", "\u0301", "\u200D", "\uFE0F",
            "🚀", "👍", "🏽", "🇩🇪", "𠀀", "𝐀", "\uD83D", "\uDE00", "\uFFFD",
        ];
        var builder = new StringBuilder(length * 2);
        for (var i = 0; i < length; i++)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
        }

        return builder.ToString();
    }
}
