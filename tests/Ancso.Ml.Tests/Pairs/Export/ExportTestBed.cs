using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings.Pipeline;
using Ancso.Ml.Features;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Sqlite;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.Pairs.Export;

/// <summary>A real SQLite store in a temp folder, a counting generator and the one feature builder, wired into an exporter.</summary>
internal sealed class ExportTestBed : IDisposable
{
    public ExportTestBed(int exportBatchSize = 3, int embeddingBatchSize = 2, int featureCacheCapacity = 2)
    {
        Directory = new PairTestDirectory();
        Time = TestClock.Create();
        Options = new DatasetExportOptions
        {
            DatasetDirectory = Directory.File("dataset"),
            ExportBatchSize = exportBatchSize,
            EmbeddingBatchSize = embeddingBatchSize,
            FeatureCacheCapacity = featureCacheCapacity,
        };
        Store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = Directory.File("pairs.db") }, Time);
        Recorder = new TrainingSignalRecorder(Store, Time);
    }

    public PairTestDirectory Directory { get; }

    public FakeTimeProvider Time { get; }

    public DatasetExportOptions Options { get; }

    public SqlitePairStore Store { get; }

    public TrainingSignalRecorder Recorder { get; }

    public string DatasetPath => Path.Combine(Options.DatasetDirectory, PairDatasetFiles.DatasetFileName);

    public string MetadataPath => Path.Combine(Options.DatasetDirectory, PairDatasetFiles.MetadataFileName);

    public static FeatureBuilder CreateFeatureBuilder(CountingEmbeddingGenerator generator) => new(generator, new StandInMetricsAnalyzer());

    /// <summary>The feature builder as <c>AddRanker</c> wires it: through the embeddings pipeline, cached in this store.</summary>
    public FeatureBuilder CreatePipelineFeatureBuilder(CountingEmbeddingGenerator generator) =>
        new(EmbeddingPipeline.Create(generator, new RankerOptions { EmbeddingBatchWindow = TimeSpan.Zero }, Store, Time, loggerFactory: null), new StandInMetricsAnalyzer());

    public PairDatasetExporter CreateExporter(CountingEmbeddingGenerator generator, IPairStore? store = null) =>
        new(store ?? Store, CreatePipelineFeatureBuilder(generator), Microsoft.Extensions.Options.Options.Create(Options), Time);

    /// <summary>Seeds six pairs: four LinkedIn, two GitHub, of every source, with texts shared between pairs.</summary>
    public async Task SeedAsync()
    {
        await Recorder.AddPairsAsync(
        [
            new NewPair("linkedin", "headline", "Engineer", "Staff engineer building payment APIs in Go", PairSide.B, PairSources.Bootstrap) { Tags = ["vague"] },
            new NewPair("linkedin", "headline", "Engineer", "Ninja rockstar guru", PairSide.A, PairSources.Bootstrap) { Tags = ["buzzwords", "c++"] },
            new NewPair("github", "bio", "dev", "Maintainer of a 4k-star OpenAPI diff tool", PairSide.B, PairSources.Bootstrap),
        ]);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", "Ninja rockstar guru", "Staff engineer building payment APIs in Go", PairSide.B) { PairId = "p_choice", ReasonTags = ["clarity"] });
        await Recorder.RecordEditAsync(new ContentEdit("linkedin", "about", "I like computers.", "I lead a team of 6 shipping fraud models to 40 markets.", EditOutcome.Improved) { PairId = "p_edit" });
        await Recorder.AddPairAsync(new NewPair("github", "bio", "dev", "Rust and Go developer", PairSide.B, PairSources.Manual) { Id = "p_manual" });
    }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Dispose();
    }
}
