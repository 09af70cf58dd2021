using Ancso.Ml.Benchmarks.Inference;
using Ancso.Ml.Content;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings.Local;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Training.Onnx;
using BenchmarkDotNet.Attributes;

namespace Ancso.Ml.Benchmarks.Embeddings;

/// <summary>
/// The offline sentence encoder (<c>local:arctic-embed-xs</c>) alone, against scoring a new text with it: six metrics,
/// the embedding and a ranker of the product's shape for D = 384 (390 → 128 → 64 → 1), through the inference service.
/// Every call embeds a text the service has not seen (there is no cache at scoring time), one ONNX Runtime thread.
/// </summary>
[MemoryDiagnoser]
public class LocalEmbeddingBenchmarks : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ancso-benchmarks", Guid.NewGuid().ToString("N"));
    private LocalEmbeddingGenerator _generator = null!;
    private FileModelRegistry _registry = null!;
    private RankerInferenceService _service = null!;
    private string[] _texts = [];
    private int _next;

    /// <summary>Loads the model, writes and activates a random ranker for its layout, and warms both up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { IntraOpThreads = 1 });
        var features = new FeatureBuilder(_generator, new ContentMetricsAnalyzer());
        var layout = features.Layout;
        var models = Path.Combine(_root, "models");
        _registry = new FileModelRegistry(models);
        _registry.StoreAsync(OnnxModelWriter.Write(InferenceBenchmarkFixture.RandomNetwork(layout.Width, seed: 7)), new ModelMetadata
        {
            Version = "bench-local",
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
            CreatedAt = DateTimeOffset.UnixEpoch,
        }).GetAwaiter().GetResult();
        _registry.ActivateAsync("bench-local").GetAwaiter().GetResult();
        _service = new RankerInferenceService(features, _registry, new RankerOptions { ModelsDirectory = models, HotReload = false });
        _service.InitializeAsync().GetAwaiter().GetResult();

        // 64 distinct profile-like texts of about 300 characters; the benchmarks go round them.
        _texts = [.. Enumerable.Range(0, 64).Select(i => InferenceBenchmarkFixture.AboutText[..(240 + (i % 60))] + " #" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        _generator.GenerateAsync(_texts).GetAwaiter().GetResult();
        if (ScoreText().GetAwaiter().GetResult().Provenance.Kind != ProvenanceKind.Model)
        {
            throw new InvalidOperationException("The benchmark's ranker fell back to the heuristic; it would not measure the model.");
        }
    }

    /// <summary>The embedder alone: one text in one <c>GenerateAsync</c> call.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> EmbedText()
    {
        var result = await _generator.GenerateAsync([NextText()]);
        return result.Count;
    }

    /// <summary>A text to a score: metrics, the embedding and the model, as a web app would call it.</summary>
    [Benchmark]
    public async Task<ItemScore> ScoreText() =>
        await _service.ScoreItemAsync(new ContentItem("t", ContentPlatforms.LinkedIn, ContentSections.About, NextText()));

    /// <summary>Cleans up.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _service?.Dispose();
        _registry?.Dispose();
        _generator?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    private string NextText() => _texts[_next++ % _texts.Length];
}
