using Ancso.Ml.Content;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.Pipeline;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = Ancso.Ml.Models.ModelMetadata;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Benchmarks.Inference;

/// <summary>
/// A temporary models folder holding one random D = 1536 network (1542 → 128 → 64 → 1, the product's shape),
/// activated through the registry; the inference service over it; and a bare ONNX Runtime session over the same file
/// with the same session options, for the baselines.
/// </summary>
internal sealed class InferenceBenchmarkFixture : IDisposable
{
    /// <summary>A 300-character LinkedIn about text.</summary>
    public const string AboutText =
        "Backend engineer with 8 years in C# and .NET. I build low-latency ranking and search services: " +
        "cut p99 latency from 120 ms to 9 ms at Contoso by moving scoring to ONNX Runtime, and led a team of 5 " +
        "that shipped a recommendation API serving 40M requests a day. I care about clear APIs, tests and metrics.";

    private readonly string _root;
    private readonly FileModelRegistry _registry;

    /// <param name="dimension">The embedding dimension.</param>
    /// <param name="asRemoteProvider">
    /// Treat the hashing generator as a remote provider: features go through the embeddings pipeline with its memory
    /// cache (no store), as OpenRouter's would; the hashing generator itself is never cached.
    /// </param>
    public InferenceBenchmarkFixture(int dimension = HashingEmbeddingGenerator.DefaultDimension, bool asRemoteProvider = false, bool withReasons = false)
    {
        _root = Path.Combine(Path.GetTempPath(), "ancso-benchmarks", Guid.NewGuid().ToString("N"));
        var modelsDirectory = Path.Combine(_root, "models");
        (Analyzer, AnalyzerDescription) = CreateAnalyzer();
        Generator = new HashingEmbeddingGenerator(dimension);
        Options = new RankerOptions { ModelsDirectory = modelsDirectory, EmbeddingDimension = dimension, HotReload = false };
        Features = asRemoteProvider
            ? new FeatureBuilder(EmbeddingPipeline.Create(new ProviderStandIn(Generator), Options, store: null, TimeProvider.System, loggerFactory: null), Analyzer)
            : new FeatureBuilder(Generator, Analyzer);

        var layout = Features.Layout;
        Weights = RandomNetwork(layout.Width, seed: 42, reasons: withReasons ? ReasonTags.All.Count : 0);
        ModelBytes = OnnxModelWriter.Write(Weights);
        var metadata = new ModelMetadata
        {
            Version = "bench",
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
            CreatedAt = DateTimeOffset.UnixEpoch,
            ReasonOutputName = withReasons ? OnnxModelWriter.ReasonOutputName : null,
            ReasonTags = withReasons ? [.. ReasonTags.All] : null,
        };
        _registry = new FileModelRegistry(modelsDirectory);
        _registry.StoreAsync(ModelBytes, metadata).GetAwaiter().GetResult();
        _registry.ActivateAsync("bench").GetAwaiter().GetResult();

        Service = new RankerInferenceService(Features, _registry, Options);
        Service.InitializeAsync().GetAwaiter().GetResult();
        BareSession = OnnxSessionFactory.Instance.Create(ModelBytes, Options);

        var embedding = new float[dimension];
        Generator.Embed(AboutText, embedding);
        var metrics = Analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.About, AboutText);
        FeaturizedItem = Featurized("featurized", AboutText, embedding, metrics);
        var otherEmbedding = new float[dimension];
        Generator.Embed("Results-driven professional passionate about synergy.", otherEmbedding);
        OtherFeaturizedItem = Featurized("other", "Results-driven professional passionate about synergy.", otherEmbedding, metrics with { Impact = 0.1f });
        TextItem = new ContentItem("text", ContentPlatforms.LinkedIn, ContentSections.About, AboutText);
    }

    public IContentMetricsAnalyzer Analyzer { get; }

    public string AnalyzerDescription { get; }

    public HashingEmbeddingGenerator Generator { get; }

    public FeatureBuilder Features { get; }

    public RankerOptions Options { get; }

    public MlpWeights Weights { get; }

    public byte[] ModelBytes { get; }

    public RankerInferenceService Service { get; }

    public InferenceSession BareSession { get; }

    public ContentItem FeaturizedItem { get; }

    public ContentItem OtherFeaturizedItem { get; }

    public ContentItem TextItem { get; }

    /// <summary>Makes <paramref name="count"/> featurized items with distinct embeddings, and their feature rows.</summary>
    public (ContentItem[] Items, float[] Rows) MakeBatch(int count)
    {
        var width = Features.Layout.Width;
        var items = new ContentItem[count];
        var rows = new float[count * width];
        var metrics = new ContentMetrics[1];
        for (var i = 0; i < count; i++)
        {
            var text = AboutText[..(100 + (i % 200))] + " #" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var embedding = new float[Features.Layout.EmbeddingDimension];
            Generator.Embed(text, embedding);
            var itemMetrics = Analyzer.Analyze(ContentPlatforms.LinkedIn, ContentSections.About, text);
            items[i] = Featurized("i" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), text, embedding, itemMetrics);
            Features.WriteFeaturesAsync([items[i]], rows.AsMemory(i * width, width), metrics).AsTask().GetAwaiter().GetResult();
        }

        return (items, rows);
    }

    public void Dispose()
    {
        Service.Dispose();
        BareSession.Dispose();
        _registry.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static ContentItem Featurized(string id, string text, float[] embedding, ContentMetrics metrics) =>
        new(id, ContentPlatforms.LinkedIn, ContentSections.About, text)
        {
            Embedding = embedding,
            Metrics = MetricNames.All.ToDictionary(n => n, n => metrics[n]),
        };

    private static (IContentMetricsAnalyzer Analyzer, string Description) CreateAnalyzer() =>
        (new ContentMetricsAnalyzer(), "built-in ContentMetricsAnalyzer");

    internal static MlpWeights RandomNetwork(int inputs, int seed, int reasons = 0)
    {
        var random = new Random(seed);
        DenseLayer Layer(int i, int o)
        {
            var weight = new float[i * o];
            for (var k = 0; k < weight.Length; k++)
            {
                weight[k] = (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(i);
            }

            var bias = new float[o];
            for (var k = 0; k < bias.Length; k++)
            {
                bias[k] = (float)((random.NextDouble() * 2) - 1) * 0.1f;
            }

            return new DenseLayer(i, o, weight, bias);
        }

        return new MlpWeights([Layer(inputs, 128), Layer(128, 64), Layer(64, 1)], reasons > 0 ? Layer(128, reasons) : null);
    }
}

/// <summary>The hashing generator under another type, so the pipeline treats it as a provider worth caching.</summary>
internal sealed class ProviderStandIn(Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> inner)
    : Microsoft.Extensions.AI.DelegatingEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>(inner);
