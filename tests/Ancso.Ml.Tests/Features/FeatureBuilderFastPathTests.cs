using System.Collections.ObjectModel;
using Ancso.Ml.Content;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.Pipeline;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Tests.Inference;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Tests.Features;

/// <summary>
/// The feature builder's shortcuts (supplied metrics read in one pass, hashing embeddings written straight into the
/// rows) against the general path they replace: the same features, bit for bit, and the same exceptions.
/// </summary>
public class FeatureBuilderFastPathTests
{
    private static readonly string[] Texts =
    [
        "Senior .NET engineer building low-latency ranking services in C# and ONNX Runtime",
        "Hard-working team player passionate about synergy",
        "",
        "Ingénieur logiciel — systèmes distribués, Kubernetes, Go 🚀",
    ];

    [Test]
    public void GetMetrics_RandomSuppliedDictionaries_EqualTheGeneralPath()
    {
        var analyzer = new DeterministicMetricsAnalyzer();
        var builder = new FeatureBuilder(new HashingEmbeddingGenerator(16), analyzer);
        var random = new Random(5);
        var fastReads = 0;
        for (var round = 0; round < 2000; round++)
        {
            var supplied = RandomMetrics(random);
            var item = new ContentItem("a", ContentPlatforms.LinkedIn, ContentSections.About, Texts[round % Texts.Length]) { Metrics = supplied };
            var expected = Capture(() => Reference(analyzer, item));

            var actual = Capture(() => builder.GetMetrics(item));

            Assert.That(actual, Is.EqualTo(expected), $"round {round}: {Describe(supplied)}");
            fastReads += SuppliedMetrics.TryRead(supplied, out _) ? 1 : 0;
        }

        Assert.That(fastReads, Is.GreaterThan(100), "the shortcut was taken");
    }

    [Test]
    public void TryRead_CaseInsensitiveDictionaryWithACapitalisedName_LeavesItToTheGeneralPathWhichThrows()
    {
        var supplied = new Dictionary<string, float>(MetricNames.All.ToDictionary(n => n, _ => 0.5f), StringComparer.OrdinalIgnoreCase);
        supplied.Remove(MetricNames.Clarity);
        supplied["Clarity"] = 0.5f;
        var builder = new FeatureBuilder(new HashingEmbeddingGenerator(16), new DeterministicMetricsAnalyzer());
        var item = new ContentItem("a", ContentPlatforms.LinkedIn, ContentSections.About, "text") { Metrics = supplied };

        Assert.That(SuppliedMetrics.TryRead(supplied, out _), Is.False);
        Assert.Throws<ArgumentException>(() => builder.GetMetrics(item));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task WriteFeaturesAsync_HashingGenerator_WritesTheRowsTheGeneralPathWrites(bool throughPipeline)
    {
        var hashing = new HashingEmbeddingGenerator(64);
        var options = new RankerOptions { EmbeddingDimension = 64 };
        IEmbeddingGenerator<string, Embedding<float>> generator = throughPipeline
            ? EmbeddingPipeline.Create(hashing, options, store: null, TimeProvider.System, loggerFactory: null)
            : hashing;
        var analyzer = new DeterministicMetricsAnalyzer();
        var fast = new FeatureBuilder(generator, analyzer);
        var general = new FeatureBuilder(new OpaqueGenerator(hashing), analyzer);
        var carried = new float[64];
        hashing.Embed("carried", carried);
        var items = Texts.Select((t, i) => new ContentItem("i" + i, ContentPlatforms.LinkedIn, ContentSections.About, t))
            .Append(new ContentItem("carried", ContentPlatforms.LinkedIn, ContentSections.About, "ignored") { Embedding = carried })
            .ToArray();
        var width = fast.Layout.Width;
        var expected = new float[items.Length * width];
        var actual = new float[items.Length * width];
        var expectedMetrics = new ContentMetrics[items.Length];
        var actualMetrics = new ContentMetrics[items.Length];

        await general.WriteFeaturesAsync(items, expected, expectedMetrics);
        using (EmbeddingCacheTally.Begin(out var tally))
        {
            await fast.WriteFeaturesAsync(items, actual, actualMetrics);
            Assert.That(tally.Generated, Is.EqualTo(throughPipeline ? Texts.Length : 0), "the pipeline's tally counts what the shortcut generated");
        }

        Assert.That(fast.Layout, Is.EqualTo(general.Layout));
        Assert.That(actual.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expected.Select(BitConverter.SingleToInt32Bits)));
        Assert.That(actualMetrics, Is.EqualTo(expectedMetrics));
    }

    [Test]
    public void WriteFeaturesAsync_HashingGeneratorCancelled_Throws()
    {
        var fast = new FeatureBuilder(new HashingEmbeddingGenerator(16), new DeterministicMetricsAnalyzer());
        var item = new ContentItem("a", ContentPlatforms.LinkedIn, ContentSections.About, "text");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(async () => await fast.WriteFeaturesAsync([item], new float[fast.Layout.Width], new ContentMetrics[1], cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    /// <summary>What <see cref="FeatureBuilder.GetMetrics"/> gave before its shortcut.</summary>
    private static ContentMetrics Reference(DeterministicMetricsAnalyzer analyzer, ContentItem item)
    {
        var supplied = item.Metrics;
        var suppliesAll = supplied is not null && supplied.Count >= MetricNames.All.Count
            && MetricNames.All.All(n => supplied.TryGetValue(n, out var v) && !float.IsNaN(v));
        return suppliesAll
            ? default(ContentMetrics).WithOverrides(supplied)
            : analyzer.Analyze(item.Platform, item.Section, item.Text).WithOverrides(supplied);
    }

    private static IReadOnlyDictionary<string, float>? RandomMetrics(Random random)
    {
        if (random.Next(10) == 0)
        {
            return null;
        }

        var names = MetricNames.All.Where(_ => random.Next(8) != 0).ToList();
        if (random.Next(8) == 0)
        {
            names.Add(random.Next(2) == 0 ? "unknown" : "Clarity");
        }

        float Value() => random.Next(6) switch
        {
            0 => float.NaN,
            1 => -0f,
            2 => (float)((random.NextDouble() * 4) - 2),
            _ => (float)random.NextDouble(),
        };

        IEqualityComparer<string>? comparer = random.Next(4) switch
        {
            0 => StringComparer.Ordinal,
            1 => StringComparer.OrdinalIgnoreCase,
            _ => null,
        };
        var dictionary = new Dictionary<string, float>(comparer);
        foreach (var name in names)
        {
            dictionary.TryAdd(name, Value());
        }

        return random.Next(6) switch
        {
            0 => new ReadOnlyDictionary<string, float>(dictionary),
            1 => new SortedDictionary<string, float>(dictionary, StringComparer.Ordinal),
            _ => dictionary,
        };
    }

    /// <summary>The metrics, each value's bits written out (so −0 differs from +0), or the exception thrown.</summary>
    private static string Capture(Func<ContentMetrics> read)
    {
        try
        {
            var m = read();
            return string.Join(" ", new[] { m.Clarity, m.Impact, m.Relevance, m.KeywordScore, m.Specificity, m.Readability }
                .Select(v => BitConverter.SingleToInt32Bits(v).ToString("X8", System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (ArgumentException ex)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    private static string Describe(IReadOnlyDictionary<string, float>? supplied) =>
        supplied is null ? "null" : supplied.GetType().Name + " {" + string.Join(", ", supplied.Select(p => $"{p.Key}={p.Value}")) + "}";

    /// <summary>The hashing generator under another type, so the builder takes the general path.</summary>
    private sealed class OpaqueGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner);
}
