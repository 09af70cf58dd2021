using System.Runtime.CompilerServices;
using System.Text.Json;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Tests.Pairs.Signals;

namespace Ancso.Ml.Tests.Pairs.Export;

/// <summary>The rater goes from the store through the exporter into both layouts and back out of the one reader; the store read as a dataset agrees.</summary>
public class RaterExportTests
{
    private const int Dimension = 16;
    private const string AliceId = "alice@example.com";
    private const string BobId = "bob-4711";

    private ExportTestBed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new ExportTestBed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private string CompactPath => Path.Combine(_bed.Options.DatasetDirectory, PairDatasetFiles.CompactFileName);

    private static string Alice => TestRaterKeys.Expected(AliceId);

    private static string Bob => TestRaterKeys.Expected(BobId);

    /// <summary>The bed's six unattributed pairs, then three with raters.</summary>
    private async Task SeedWithRatersAsync()
    {
        await _bed.SeedAsync();
        var recorder = new TrainingSignalRecorder(_bed.Store, _bed.Time, TestPseudonymizer.Create());
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", "Engineer", "Ninja rockstar guru", PairSide.A) { PairId = "p_alice", RaterId = AliceId });
        await recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", "Engineer", "Ninja rockstar guru", PairSide.B) { PairId = "p_bob", RaterId = BobId });
        var manual = await _bed.Store.GetPairAsync("p_manual");
        await recorder.RecordManualLabelAsync(new ManualLabel(manual!.ItemA.Id, manual.ItemB.Id, PairSide.A) { PairId = "p_alice_manual", RaterId = AliceId });
    }

    private async Task<Dictionary<string, string?>> StoredRatersAsync()
    {
        var raters = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var pair in _bed.Store.StreamPairsAsync())
        {
            raters.Add(pair.Id, pair.Rater);
        }

        return raters;
    }

    private static async Task<List<PairDatasetRow>> ReadAllAsync(string path)
    {
        var rows = new List<PairDatasetRow>();
        await foreach (var row in PairDatasetReader.ReadRowsAsync(path))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Test]
    public async Task ExportAsync_JsonlWithRaters_ReadsBackEachPairsRater()
    {
        await SeedWithRatersAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);

        await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl });
        var rows = await ReadAllAsync(_bed.DatasetPath);

        var stored = await StoredRatersAsync();
        Assert.That(rows.Select(r => (r.PairId, r.Rater)), Is.EqualTo(stored.Select(s => (s.Key, s.Value))));
        Assert.That(rows.Where(r => r.Rater is not null).Select(r => (r.PairId, r.Rater)),
            Is.EqualTo(new[] { ("p_alice", (string?)Alice), ("p_bob", Bob), ("p_alice_manual", Alice) }));
    }

    [Test]
    public async Task ExportAsync_Jsonl_WritesRaterOnlyWhenThereIsOneAndNeverTheId()
    {
        await SeedWithRatersAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);

        await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl });
        var text = await File.ReadAllTextAsync(_bed.DatasetPath);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(9));
        Assert.Multiple(() =>
        {
            foreach (var line in lines)
            {
                using var json = JsonDocument.Parse(line);
                var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
                var id = json.RootElement.GetProperty("pair_id").GetString();
                if (id is "p_alice" or "p_bob" or "p_alice_manual")
                {
                    Assert.That(names[^1], Is.EqualTo("rater"), id);
                    Assert.That(names, Has.Count.EqualTo(12), id);
                }
                else
                {
                    Assert.That(names, Has.Count.EqualTo(11).And.No.EqualTo("rater"), $"{id}: the original system's line, unchanged");
                }
            }

            Assert.That(text, Does.Not.Contain(AliceId).And.Not.Contain(BobId));
        });
    }

    [Test]
    public async Task ExportAsync_CompactWithRaters_ReadsBackTheSameRowsAsJsonl()
    {
        await SeedWithRatersAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);
        await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl });
        var jsonl = await ReadAllAsync(_bed.DatasetPath);

        await _bed.CreateExporter(generator).ExportAsync();
        var compact = await ReadAllAsync(CompactPath);

        Assert.That(compact.Select(r => (r.PairId, r.AId, r.BId, r.Label, r.Source, r.Rater)), Is.EqualTo(jsonl.Select(r => (r.PairId, r.AId, r.BId, r.Label, r.Source, r.Rater))));
        Assert.That(compact.Count(r => r.Rater is not null), Is.EqualTo(3));
        Assert.That(System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(CompactPath)), Does.Not.Contain(AliceId));
    }

    [Test]
    public async Task ReadAsync_PairStoreWithRaters_HashesAsTheCompactExportAndHandsOnTheRaters()
    {
        await SeedWithRatersAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);
        var export = await _bed.CreateExporter(generator).ExportAsync();

        var (storeHash, storeSink) = await ReadPairStoreAsync(_bed.Store, generator);
        var folderSink = new RecordingSink();
        var content = await PairDatasetReader.ReadAsync(_bed.Options.DatasetDirectory, _ => folderSink, PairDatasetReader.MaxLineBytes, CancellationToken.None);

        var stored = (await StoredRatersAsync()).Select(s => (s.Key, s.Value)).ToList();
        Assert.That(storeHash, Is.EqualTo(export.Metadata!.DatasetHash));
        Assert.That(content.Hash, Is.EqualTo(export.Metadata.DatasetHash));
        Assert.That(storeSink.Pairs, Is.EqualTo(stored));
        Assert.That(folderSink.Pairs, Is.EqualTo(stored));
    }

    [Test]
    public async Task ReadAsync_JsonlFolderWithRaters_HandsOnTheRaters()
    {
        await SeedWithRatersAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);
        await _bed.CreateExporter(generator).ExportAsync(new PairDatasetExportRequest { Format = PairDatasetFormat.Jsonl });
        var sink = new RecordingSink();

        await PairDatasetReader.ReadAsync(_bed.Options.DatasetDirectory, _ => sink, PairDatasetReader.MaxLineBytes, CancellationToken.None);

        Assert.That(sink.Pairs, Is.EqualTo((await StoredRatersAsync()).Select(s => (s.Key, s.Value))));
    }

    [Test]
    public async Task ReadAsync_PairStore_RatersArePartOfTheHash()
    {
        await SeedWithRatersAsync();
        using var generator = new CountingEmbeddingGenerator(Dimension);

        var (withRaters, _) = await ReadPairStoreAsync(_bed.Store, generator);
        var (withoutRaters, sink) = await ReadPairStoreAsync(new RaterlessPairStore(_bed.Store), generator);

        Assert.That(sink.Pairs.Select(p => p.Rater), Is.All.Null);
        Assert.That(withoutRaters, Is.Not.EqualTo(withRaters), "a dataset's hash says who taught the model");
    }

    private async Task<(string Hash, RecordingSink Sink)> ReadPairStoreAsync(IPairStore store, CountingEmbeddingGenerator generator)
    {
        var features = _bed.CreatePipelineFeatureBuilder(generator);
        var sink = new RecordingSink();
        using var writer = new CompactDatasetWriter(Stream.Null, features.Layout.Width);
        // The exporter's batch sizes: the compact bytes (the order of the string table) depend on the pair batch size.
        var reader = new PairStoreDatasetReader(store, features, _bed.Options.ExportBatchSize, _bed.Options.EmbeddingBatchSize);
        await reader.ReadAsync(new PairFilter(), long.MaxValue, writer, sink, progress: null, CancellationToken.None);
        return (await writer.CompleteAsync(CancellationToken.None), sink);
    }

    private sealed class RecordingSink : IPairDatasetSink
    {
        private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);

        public List<(string PairId, string? Rater)> Pairs { get; } = [];

        public void Reserve(int items, int pairs)
        {
        }

        public int AddItem(in DatasetPosition at, string field, string id, ReadOnlySpan<float> features)
        {
            if (!_items.TryGetValue(id, out var index))
            {
                index = _items.Count;
                _items.Add(id, index);
            }

            return index;
        }

        public void AddPair(in DatasetPosition at, string pairId, int a, int b, int label, string source, string? rater, IReadOnlyList<string> tags) => Pairs.Add((pairId, rater));
    }

    /// <summary>The same store, its pairs handed out without their raters.</summary>
    private sealed class RaterlessPairStore(IPairStore inner) : ObservingPairStore(inner, _ => { }), IPairStore
    {
        private readonly IPairStore _inner = inner;

        async IAsyncEnumerable<StoredPair> IPairStore.StreamPairsAsync(PairFilter? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var pair in _inner.StreamPairsAsync(filter, cancellationToken))
            {
                yield return pair with { Rater = null };
            }
        }
    }
}
