using Ancso.Ml.Benchmarks.Inference;
using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.Pipeline;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Sqlite;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Benchmarks.Pairs;

/// <summary>
/// Export throughput: 10,000 pairs (20,000 distinct texts) from a SQLite store to dataset.jsonl with the hashing
/// generator at 1536 dimensions, with every embedding cached beforehand, or none. Times are per pair.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PairExportBenchmarks
{
    private const int PairCount = 10_000;

    private string _directory = "";
    private SqlitePairStore _store = null!;
    private PairDatasetExporter _exporter = null!;

    [Params(true, false)]
    public bool Cached { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ancso-pair-export-bench", Guid.NewGuid().ToString("N"));
        var options = new DatasetExportOptions { DatasetDirectory = Path.Combine(_directory, "dataset") };
        _store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = Path.Combine(_directory, "pairs.db") }, TimeProvider.System);
        // The hashing generator is never cached by the pipeline; as a stand-in provider it is, in the store only.
        var generator = new ProviderStandIn(new HashingEmbeddingGenerator());
        var pipeline = EmbeddingPipeline.Create(generator, new RankerOptions { EmbeddingMemoryCacheCapacity = 0 }, _store, TimeProvider.System, loggerFactory: null);
        var features = new FeatureBuilder(pipeline, new CountingMetricsAnalyzer());
        _exporter = new PairDatasetExporter(_store, features, Options.Create(options), TimeProvider.System);
        var pairs = Enumerable.Range(0, PairCount).Select(i => new NewPair(
            i % 2 == 0 ? "linkedin" : "github",
            i % 2 == 0 ? "headline" : "bio",
            $"Software engineer {i} working on backend systems",
            $"Senior backend engineer {i} building payment APIs in Go and C#, cut p99 latency by {i % 90 + 10}%",
            PairSide.B,
            PairSources.Bootstrap) { Tags = ["specificity"] }).ToList();
        _store.AddPairsAsync(pairs).GetAwaiter().GetResult();
        _exporter.ExportAsync().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void ForgetEmbeddings()
    {
        if (Cached)
        {
            return;
        }

        using var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM embeddings;";
        command.ExecuteNonQuery();
    }

    [Benchmark(OperationsPerInvoke = PairCount)]
    public Task<PairDatasetExportResult> Export() => _exporter.ExportAsync();

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// Cheap deterministic metrics (a few passes over the text), so the figure measures the export path itself:
    /// store streaming, embedding cache, generator, feature assembly and JSON writing.
    /// </summary>
    private sealed class CountingMetricsAnalyzer : IContentMetricsAnalyzer
    {
        public ContentMetrics Analyze(string platform, string section, string text)
        {
            var words = text.Count(char.IsWhiteSpace) + 1;
            var digits = text.Count(char.IsDigit);
            var upper = text.Count(char.IsUpper);
            return new ContentMetrics(
                1f / words, Math.Min(1f, digits / 10f), 0.5f, (text.Length % 17) / 17f, Math.Min(1f, upper / 8f), 0.5f);
        }
    }
}
