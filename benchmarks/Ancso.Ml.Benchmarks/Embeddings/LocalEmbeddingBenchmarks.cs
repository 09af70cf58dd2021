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

namespace Ancso.Ml.Benchmarks.Embeddings;

/// <summary>
/// The offline sentence encoder (<c>local:arctic-embed-xs</c>) alone, against scoring a text it has never seen through
/// the product's path: <c>AddRanker().AddSqlitePairStore().UseLocalEmbeddings()</c>, so the embeddings pipeline
/// (validation, memory and store cache, micro-batching) with six metrics and a ranker of the product's shape for D = 384
/// (390 → 128 → 64 → 1). Every call uses a new text, so no cache can answer it; one ONNX Runtime thread.
/// </summary>
[MemoryDiagnoser]
public class LocalEmbeddingBenchmarks : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ancso-benchmarks", Guid.NewGuid().ToString("N"));
    private LocalEmbeddingGenerator _generator = null!;
    private ServiceProvider _provider = null!;
    private IRankerInferenceService _service = null!;
    private int _next;

    /// <summary>Loads the model, writes and activates a random ranker for its layout, and warms both up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var models = Path.Combine(_root, "models");
        var services = new ServiceCollection();
        services.AddRanker(o =>
            {
                o.ModelsDirectory = models;
                o.HotReload = false;
            })
            .AddSqlitePairStore(o => o.DatabasePath = Path.Combine(_root, "pairs.db"))
            .UseLocalEmbeddings(o => o.IntraOpThreads = 1);
        _provider = services.BuildServiceProvider();

        var layout = _provider.GetRequiredService<IFeatureBuilder>().Layout;
        var registry = _provider.GetRequiredService<IModelRegistry>();
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
        _service = _provider.GetRequiredService<IRankerInferenceService>();
        _service.InitializeAsync().GetAwaiter().GetResult();
        _generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { IntraOpThreads = 1 });
        _generator.GenerateAsync([NextText()]).GetAwaiter().GetResult();
        if (ScoreText().GetAwaiter().GetResult().Provenance.Kind != ProvenanceKind.Model)
        {
            throw new InvalidOperationException("The benchmark's ranker fell back to the heuristic; it would not measure the model.");
        }
    }

    /// <summary>The embedder alone: one new text in one <c>GenerateAsync</c> call.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> EmbedText()
    {
        var result = await _generator.GenerateAsync([NextText()]);
        return result.Count;
    }

    /// <summary>A new text to a score through the product's path, as a web app would call it.</summary>
    [Benchmark]
    public async Task<ItemScore> ScoreText() =>
        await _service.ScoreItemAsync(new ContentItem("t", ContentPlatforms.LinkedIn, ContentSections.About, NextText()));

    /// <summary>Cleans up.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _provider?.Dispose();
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

    /// <summary>A profile-like text of about 300 characters that no earlier call used.</summary>
    private string NextText()
    {
        var n = Interlocked.Increment(ref _next);
        return InferenceBenchmarkFixture.AboutText[..(240 + (n % 60))] + " #" + n.ToString(CultureInfo.InvariantCulture);
    }
}
