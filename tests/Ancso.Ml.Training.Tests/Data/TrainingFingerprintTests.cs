using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ancso.Ml.Content;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Sqlite;
using Ancso.Ml.Training.Data;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Training.Tests.Data;

/// <summary>
/// What a model learned from, for erasure: the trained model's metadata holds the training fingerprint
/// (<c>extra.training_data</c>) of the exported dataset or of the pair store it read, or JSON null for pairs handed in;
/// and a pair stored after the fingerprint was taken is neither exported nor trained on, so the fingerprint describes
/// exactly the set read.
/// </summary>
public class TrainingFingerprintTests
{
    private const int Dimension = 8;
    private const string Key = "training_data";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 15, 0, TimeSpan.Zero);

    private TempFolder _folder = null!;
    private SqlitePairStore _store = null!;
    private SeededFeatureBuilder _features = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = _folder.Combine("pairs.db") }, new FakeTimeProvider(Now));
        _features = new SeededFeatureBuilder(TestDatasets.Layout(Dimension));
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    /// <summary>60 LinkedIn and 20 GitHub pairs, each of two items of its own, labelled by a fixed direction in their features.</summary>
    private async Task SeedAsync()
    {
        var pairs = new List<NewPair>();
        for (var n = 0; n < 80; n++)
        {
            var platform = n < 60 ? "linkedin" : "github";
            var section = n < 60 ? "headline" : "bio";
            var a = Text(2 * n);
            var b = Text((2 * n) + 1);
            var better = _features.Quality(a) > _features.Quality(b) ? PairSide.A : PairSide.B;
            pairs.Add(new NewPair(platform, section, a, b, better, n % 4 == 0 ? PairSources.Manual : PairSources.UserChoice) { Id = $"p_{n:D3}", Rater = TestDatasets.Rater(n % 7) });
        }

        Assert.That(await _store.AddPairsAsync(pairs), Is.EqualTo(80));
    }

    private static string Text(int n) => string.Create(CultureInfo.InvariantCulture, $"Headline number {n}");

    private PairDatasetExporter Exporter(IPairStore? store = null) =>
        new(store ?? _store, _features, Microsoft.Extensions.Options.Options.Create(new DatasetExportOptions { ExportBatchSize = 7, EmbeddingBatchSize = 5 }), new FakeTimeProvider(Now));

    private static RankerTrainingOptions Options(string models) => new() { OutputDirectory = models, Epochs = 2, Seed = 7 };

    /// <summary>The model's <c>extra.training_data</c>, as stored in its metadata file.</summary>
    private static async Task<JsonElement> StoredTrainingDataAsync(TrainingResult result)
    {
        using var registry = new FileModelRegistry(Path.GetDirectoryName(result.ModelPath)!);
        var version = (await registry.ListVersionsAsync()).Single(v => v.Version == result.Version);
        Assert.That(version.Metadata!.Extra, Does.ContainKey(Key));
        return version.Metadata.Extra![Key];
    }

    [Test]
    public async Task TrainAsync_FromPairStore_RecordsTheStoresFingerprintTakenJustBefore()
    {
        await SeedAsync();
        await _store.ErasePairsAsync(new PairErasureQuery { ItemId = PairIds.ForItem("linkedin", "headline", Text(0)) });
        var filter = new PairFilter { Platform = "linkedin", Source = PairSources.UserChoice };
        var expected = await _store.GetFingerprintAsync(filter);
        var options = Options(_folder.Combine("models"));
        options.Source = RankerTrainingSource.FromPairStore(_store, _features, filter);

        var result = await new RankerTrainer(timeProvider: new FakeTimeProvider(Now)).TrainAsync(options);

        Assert.That(expected, Is.EqualTo(new PairStoreFingerprint(await _store.GetStoreIdAsync(), 80, "linkedin", null, PairSources.UserChoice, 1)));
        Assert.That(PairStoreFingerprint.FromJson(result.Metadata.Extra![Key]), Is.EqualTo(expected));
        Assert.That(PairStoreFingerprint.FromJson(await StoredTrainingDataAsync(result)), Is.EqualTo(expected));
    }

    [Test]
    public async Task TrainAsync_WarmStart_InheritsTheStartingModelsFingerprintsAndNoneWithout()
    {
        await SeedAsync();
        var options = Options(_folder.Combine("models"));
        options.Source = RankerTrainingSource.FromPairStore(_store, _features);
        var parent = await new RankerTrainer(timeProvider: new FakeTimeProvider(Now)).TrainAsync(options);
        var childOptions = Options(_folder.Combine("models"));
        childOptions.Source = RankerTrainingSource.FromPairStore(_store, _features, new PairFilter { Platform = "github" });
        childOptions.InitialModel = parent.ModelPath;
        childOptions.Version = "child";
        var grandchildOptions = Options(_folder.Combine("models"));
        grandchildOptions.Source = RankerTrainingSource.FromPairStore(_store, _features, new PairFilter { Platform = "github" });
        grandchildOptions.InitialModel = Path.Combine(_folder.Combine("models"), ModelFileNames.Model("child"));
        grandchildOptions.Version = "grandchild";

        var child = await new RankerTrainer(timeProvider: new FakeTimeProvider(Now)).TrainAsync(childOptions);
        var grandchild = await new RankerTrainer(timeProvider: new FakeTimeProvider(Now)).TrainAsync(grandchildOptions);

        static PairStoreFingerprint?[] Inherited(TrainingResult r) =>
            [.. r.Metadata.Extra!["inherited_training_data"].EnumerateArray().Select(PairStoreFingerprint.FromJson)];
        var parentFingerprint = PairStoreFingerprint.FromJson(parent.Metadata.Extra![Key]);
        var childFingerprint = PairStoreFingerprint.FromJson(child.Metadata.Extra![Key]);
        Assert.That(child.WarmStartedFrom, Is.Not.Null);
        Assert.That(Inherited(parent), Is.Empty, "trained from scratch");
        Assert.That(Inherited(child), Is.EqualTo(new[] { parentFingerprint }), "the weights it started from learned what the parent did");
        Assert.That(Inherited(grandchild), Is.EqualTo(new[] { childFingerprint, parentFingerprint }), "and what the parent inherited");
    }

    [Test]
    public async Task TrainAsync_FromExportedDataset_RecordsTheExportsSourceStoreWithItsFilters()
    {
        await SeedAsync();
        await _store.ErasePairsAsync(new PairErasureQuery { ItemId = PairIds.ForItem("linkedin", "headline", Text(0)) });
        var export = await Exporter().ExportAsync(new PairDatasetExportRequest { OutputDirectory = _folder.Combine("data"), Platform = "linkedin" });
        await _store.AddPairsAsync([new NewPair("linkedin", "headline", "After the export A", "After the export B", PairSide.A, PairSources.Manual)]);
        var options = Options(_folder.Combine("models"));
        options.DatasetPath = export.DatasetPath!;

        var result = await new RankerTrainer(timeProvider: new FakeTimeProvider(Now)).TrainAsync(options);

        var source = export.Metadata!.SourceStore!;
        var expected = new PairStoreFingerprint(await _store.GetStoreIdAsync(), source.MaxPairSequence, "linkedin", null, null, 1);
        Assert.That((source.MaxPairSequence, source.ErasureGeneration), Is.EqualTo((80L, 1L)), "taken before the export read the pairs");
        Assert.That(source.ToFingerprint(export.Metadata.Filters), Is.EqualTo(expected));
        Assert.That(PairStoreFingerprint.FromJson(result.Metadata.Extra![Key]), Is.EqualTo(expected));
        Assert.That(PairStoreFingerprint.FromJson(await StoredTrainingDataAsync(result)), Is.EqualTo(expected));
        Assert.That(await _store.HasErasedPairsAsync(expected), Is.False, "the erasure came before the export");
    }

    [Test]
    public async Task TrainAsync_PairsHandedIn_RecordsJsonNull()
    {
        var options = Options(_folder.Combine("models"));
        options.Pairs = TestDatasets.LearnablePairs(items: 60, pairs: 120, dimension: Dimension);
        options.Layout = TestDatasets.Layout(Dimension);

        var result = await new RankerTrainer(timeProvider: new FakeTimeProvider(Now)).TrainAsync(options);

        Assert.That(result.Metadata.Extra![Key].ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await StoredTrainingDataAsync(result)).ValueKind, Is.EqualTo(JsonValueKind.Null), "written as null, so the version is unknown rather than unmarked");
    }

    [Test]
    public async Task TrainAsync_DatasetWithoutSourceStore_RecordsJsonNull()
    {
        var dataset = TestDatasets.Write(_folder.Combine("data"), TestDatasets.LearnablePairs(items: 60, pairs: 120, dimension: Dimension), TestDatasets.Layout(Dimension));
        var options = Options(_folder.Combine("models"));
        options.DatasetPath = dataset;

        var result = await new RankerTrainer(timeProvider: new FakeTimeProvider(Now)).TrainAsync(options);

        Assert.That((await StoredTrainingDataAsync(result)).ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase(PairDatasetFormat.Compact, TestName = "ExportAsync_CompactPairStoredAfterTheFingerprint_LeftOutOfTheDatasetItDescribes")]
    [TestCase(PairDatasetFormat.Jsonl, TestName = "ExportAsync_JsonlPairStoredAfterTheFingerprint_LeftOutOfTheDatasetItDescribes")]
    public async Task ExportAsync_PairStoredAfterTheFingerprint_LeftOutOfTheDatasetItDescribes(PairDatasetFormat format)
    {
        await SeedAsync();
        var store = new InsertingPairStore(_store, new NewPair("linkedin", "headline", "Late A", "Late B", PairSide.A, PairSources.UserChoice) { Id = "p_late" });

        var export = await Exporter(store).ExportAsync(new PairDatasetExportRequest { OutputDirectory = _folder.Combine("data"), Format = format });

        var ids = new List<string>();
        await foreach (var row in PairDatasetReader.ReadRowsAsync(export.DatasetPath!))
        {
            ids.Add(row.PairId);
        }

        var late = await StreamedAsync(_store, "p_late");
        Assert.That(store.Taken, Is.Not.Null);
        Assert.That(late.Sequence, Is.GreaterThan(store.Taken!.MaxSequence), "stored after the fingerprint, and streamed by the store");
        Assert.That(ids, Has.Count.EqualTo(80).And.No.EqualTo("p_late"));
        Assert.That((export.Counts.Total, export.Metadata!.PairCount), Is.EqualTo((80, 80)));
        Assert.That(export.Metadata.SourceStore!.MaxPairSequence, Is.EqualTo(store.Taken.MaxSequence));
    }

    [Test]
    public async Task LoadAsync_FromPairStore_PairStoredAfterTheFingerprintNotTrainedOn()
    {
        await SeedAsync();
        var store = new InsertingPairStore(_store, new NewPair("linkedin", "headline", "Late A", "Late B", PairSide.A, PairSources.UserChoice) { Id = "p_late" });

        var data = await TrainingData.LoadAsync(new RankerTrainingOptions { Source = RankerTrainingSource.FromPairStore(store, _features) }, CancellationToken.None);

        var late = await StreamedAsync(_store, "p_late");
        Assert.That(late.Sequence, Is.GreaterThan(store.Taken!.MaxSequence));
        Assert.That(data.Fingerprint, Is.EqualTo(store.Taken));
        Assert.That(data.Set.PairsRead, Is.EqualTo(80));
        Assert.That(data.Set.ItemIds, Does.Not.Contain(late.ItemA.Id).And.Not.Contain(late.ItemB.Id));
    }

    private static async Task<StoredPair> StreamedAsync(SqlitePairStore store, string pairId)
    {
        await foreach (var pair in store.StreamPairsAsync())
        {
            if (pair.Id == pairId)
            {
                return pair;
            }
        }

        Assert.Fail($"{pairId} is not in the store");
        return null!;
    }

    /// <summary>Passes everything to a real store; stores one more pair right after the first fingerprint is taken, as a writer racing the read would.</summary>
    private sealed class InsertingPairStore(IPairStore inner, NewPair late) : IPairStore
    {
        public PairStoreFingerprint? Taken { get; private set; }

        public async Task<PairStoreFingerprint> GetFingerprintAsync(PairFilter? filter = null, CancellationToken cancellationToken = default)
        {
            var fingerprint = await inner.GetFingerprintAsync(filter, cancellationToken);
            if (Taken is null)
            {
                Taken = fingerprint;
                Assert.That(await inner.AddPairsAsync([late], cancellationToken), Is.EqualTo(1));
            }

            return fingerprint;
        }

        public Task<int> AddPairsAsync(IReadOnlyList<NewPair> pairs, CancellationToken cancellationToken = default) => inner.AddPairsAsync(pairs, cancellationToken);

        public Task<StoredItem?> GetItemAsync(string itemId, CancellationToken cancellationToken = default) => inner.GetItemAsync(itemId, cancellationToken);

        public Task<StoredPair?> GetPairAsync(string pairId, CancellationToken cancellationToken = default) => inner.GetPairAsync(pairId, cancellationToken);

        public Task<IReadOnlyList<StoredItem>> ListItemsAsync(ItemQuery? query = null, CancellationToken cancellationToken = default) => inner.ListItemsAsync(query, cancellationToken);

        public Task<int> CountItemsAsync(string? platform = null, string? section = null, CancellationToken cancellationToken = default) =>
            inner.CountItemsAsync(platform, section, cancellationToken);

        public Task<PairCounts> CountPairsAsync(PairFilter? filter = null, CancellationToken cancellationToken = default) => inner.CountPairsAsync(filter, cancellationToken);

        public async IAsyncEnumerable<StoredPair> StreamPairsAsync(PairFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var pair in inner.StreamPairsAsync(filter, cancellationToken))
            {
                yield return pair;
            }
        }

        public Task<string> GetStoreIdAsync(CancellationToken cancellationToken = default) => inner.GetStoreIdAsync(cancellationToken);

        public Task<PairErasureCounts> ErasePairsAsync(PairErasureQuery query, bool dryRun = false, CancellationToken cancellationToken = default) =>
            inner.ErasePairsAsync(query, dryRun, cancellationToken);

        public Task<bool> HasErasedPairsAsync(PairStoreFingerprint fingerprint, CancellationToken cancellationToken = default) => inner.HasErasedPairsAsync(fingerprint, cancellationToken);

        public Task<IReadOnlyList<CachedEmbeddingSet>> ListCachedEmbeddingsAsync(CancellationToken cancellationToken = default) => inner.ListCachedEmbeddingsAsync(cancellationToken);
    }

    /// <summary>Features that follow from the text alone (seeded by its SHA-256), as a real builder's would; metrics in [0, 1].</summary>
    private sealed class SeededFeatureBuilder(FeatureLayout layout) : IFeatureBuilder
    {
        private readonly double[] _direction = [.. Enumerable.Range(0, layout.Width).Select(i => Math.Sin(i + 1))];

        public FeatureLayout Layout { get; } = layout;

        public ContentMetrics GetMetrics(ContentItem item) => default;

        public float[] Of(string text)
        {
            var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
            return [.. Enumerable.Range(0, Layout.Width).Select(i => i < Layout.EmbeddingDimension ? (float)((random.NextDouble() * 2) - 1) : (float)random.NextDouble())];
        }

        public double Quality(string text) => Of(text).Select((v, i) => v * _direction[i]).Sum();

        public ValueTask WriteFeaturesAsync(IReadOnlyList<ContentItem> items, Memory<float> destination, Memory<ContentMetrics> metrics, CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Of(items[i].Text).CopyTo(destination.Span.Slice(i * Layout.Width, Layout.Width));
            }

            return ValueTask.CompletedTask;
        }
    }
}
