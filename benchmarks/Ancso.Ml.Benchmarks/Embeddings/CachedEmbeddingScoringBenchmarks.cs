using Ancso.Ml.Benchmarks.Inference;
using Ancso.Ml.Inference;
using BenchmarkDotNet.Attributes;

namespace Ancso.Ml.Benchmarks.Embeddings;

/// <summary>
/// Text → score for a 300-character text whose embedding is cached (a provider behind the embeddings pipeline, the
/// text scored once in setup), against the hashing path (the embedding computed every call). Same D = 1536 model, same
/// metrics. The target: the cached path at most 2× the hashing one (the Ratio column).
/// </summary>
[MemoryDiagnoser]
public class CachedEmbeddingScoringBenchmarks
{
    private InferenceBenchmarkFixture _hashing = null!;
    private InferenceBenchmarkFixture _cached = null!;

    [GlobalSetup]
    public void Setup()
    {
        _hashing = new InferenceBenchmarkFixture();
        _cached = new InferenceBenchmarkFixture(asRemoteProvider: true);
        _cached.Service.ScoreItemAsync(_cached.TextItem).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hashing.Dispose();
        _cached.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ValueTask<ItemScore> HashingTextToScore() => _hashing.Service.ScoreItemAsync(_hashing.TextItem);

    [Benchmark]
    public ValueTask<ItemScore> CachedTextToScore() => _cached.Service.ScoreItemAsync(_cached.TextItem);
}
