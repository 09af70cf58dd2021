using System.Text.Json.Nodes;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;
using static Ancso.Ml.Tests.Pairs.Erasure.ErasureTestHost;

namespace Ancso.Ml.Tests.Pairs.Erasure;

/// <summary>
/// <see cref="IPairEraser.EraseAsync"/> over a real SQLite store and the data folder: the person's pairs and the items
/// only they used leave the store, and the exported dataset goes exactly when it held an erased pair (its
/// <c>source_store</c> says so), or, without that record, once anything was erased.
/// </summary>
public class PairEraserDatasetTests
{
    private ErasureTestHost _host = null!;

    [SetUp]
    public void SetUp() => _host = new ErasureTestHost();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task EraseAsync_Rater_ErasesTheirPairsAndTheItemsNobodyElseUsesAndNothingOfAnyoneElse()
    {
        await _host.SeedAsync();
        await _host.ExportAsync();
        var bobsPair = await _host.Store.GetPairAsync("p_bob");

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(result.Store, Is.EqualTo(new PairErasureCounts(2, 3, 3)), "two pairs; three items and the cached vectors of their three texts");
        Assert.That(result.DryRun, Is.False);
        Assert.That(await _host.PairIdsAsync(), Is.EqualTo(new[] { "p_bob", "p_github" }));
        foreach (var text in new[] { "Alice wrote this headline", "Alice rewrote this headline", "Alice's second headline" })
        {
            Assert.That(await _host.Store.GetItemAsync(ItemId(text)), Is.Null, text);
        }

        Assert.That(await _host.Store.GetItemAsync(ItemId("Shared headline")), Is.Not.Null, "Bob's pair still uses it");
        Assert.That(await _host.Store.GetPairAsync("p_bob"), Is.EqualTo(bobsPair).Using<StoredPair>(SamePair), "Bob's pair is untouched");
        Assert.That((await _host.Store.ListCachedEmbeddingsAsync()).Sum(s => s.Count), Is.EqualTo(4), "the cached vectors of the four texts that remain");
    }

    [TestCase(PairDatasetFormat.Compact, PairDatasetFiles.CompactFileName, TestName = "EraseAsync_CompactDatasetExportedAfterTheirPairs_DeletesTheDatasetThenItsMetadata")]
    [TestCase(PairDatasetFormat.Jsonl, PairDatasetFiles.DatasetFileName, TestName = "EraseAsync_JsonlDatasetExportedAfterTheirPairs_DeletesTheDatasetThenItsMetadata")]
    public async Task EraseAsync_DatasetExportedAfterTheirPairs_DeletesTheDatasetThenItsMetadata(PairDatasetFormat format, string datasetFile)
    {
        await _host.SeedAsync();
        await _host.ExportAsync(format);
        Assert.That(_host.DataFiles().Keys, Is.EquivalentTo(new[] { datasetFile, PairDatasetFiles.MetadataFileName }));

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(result.DatasetFilesDeleted, Is.EqualTo(new[] { datasetFile, PairDatasetFiles.MetadataFileName }), "the dataset first, its metadata last");
        Assert.That(_host.DataFiles(), Is.Empty);
    }

    [Test]
    public async Task EraseAsync_ExportLeftovers_TemporaryFilesAndADatasetFileTheMetadataDoesNotNameAreDeleted()
    {
        // A clean github-only export beside what interrupted exports leave: a temporary file and the other layout's file.
        await _host.SeedAsync();
        await _host.ExportAsync(platform: "github");
        var folder = _host.DataDirectory;
        await File.WriteAllTextAsync(Path.Combine(folder, PairDatasetFiles.CompactFileName + ".4242-0123456789abcdef.tmp"), "pairs of an export that never finished");
        await File.WriteAllTextAsync(Path.Combine(folder, PairDatasetFiles.DatasetFileName), "an older export's dataset file");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "the host's own file");

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(result.DatasetFilesDeleted, Is.EquivalentTo(new[] { PairDatasetFiles.CompactFileName + ".4242-0123456789abcdef.tmp", PairDatasetFiles.DatasetFileName }));
        Assert.That(_host.DataFiles().Keys, Is.EquivalentTo(new[] { PairDatasetFiles.CompactFileName, PairDatasetFiles.MetadataFileName, "notes.txt" }),
            "the github-only export held none of the erased pairs, and a file that is no dataset's stays");
    }

    [Test]
    public async Task EraseAsync_DatasetExportedWithAPlatformFilterThatLeftTheirPairsOut_KeepsIt()
    {
        await _host.SeedAsync();
        await _host.ExportAsync(platform: "github");
        var before = _host.DataFiles();

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(result.Store.Pairs, Is.EqualTo(2));
        Assert.That(result.DatasetFilesDeleted, Is.Empty);
        Assert.That(_host.DataFiles(), Is.EqualTo(before));
    }

    [Test]
    public async Task EraseAsync_DatasetExportedAfterAnEarlierErasureAndBeforeTheErasedPair_KeepsIt()
    {
        await _host.SeedAsync();
        await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        await _host.ExportAsync();
        var before = _host.DataFiles();
        await _host.Choose(CarolId, "p_carol", "Carol's first headline", "Carol's second headline");

        var alice = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        var carol = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = CarolId });

        Assert.That(carol.Store.Pairs, Is.EqualTo(1), "Carol's pair, recorded after the export, is erased");
        Assert.That((alice.DatasetFilesDeleted, carol.DatasetFilesDeleted), Is.EqualTo((Array.Empty<string>(), Array.Empty<string>())),
            "Alice's pairs were gone before the export; Carol's came after it");
        Assert.That(_host.DataFiles(), Is.EqualTo(before));
    }

    [Test]
    public async Task EraseAsync_DatasetWithoutSourceStore_KeptUntilAnythingIsErasedThenDeleted()
    {
        await _host.SeedAsync();
        await _host.ExportAsync();
        var metadata = JsonNode.Parse(await File.ReadAllTextAsync(_host.MetadataPath))!.AsObject();
        Assert.That(metadata.Remove("source_store"), Is.True, "the exporter wrote one");
        await File.WriteAllTextAsync(_host.MetadataPath, metadata.ToJsonString());
        await _host.Choose(CarolId, "p_carol", "Carol's first headline", "Carol's second headline");

        var nothing = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = "someone-without-pairs" });
        var kept = _host.DataFiles().Keys.ToList();
        var carol = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = CarolId });

        Assert.That((nothing.Store.IsEmpty, nothing.DatasetFilesDeleted), Is.EqualTo((true, Array.Empty<string>())), "nothing was ever erased from the store");
        Assert.That(kept, Is.EquivalentTo(new[] { PairDatasetFiles.CompactFileName, PairDatasetFiles.MetadataFileName }));
        Assert.That(carol.DatasetFilesDeleted, Is.EqualTo(new[] { PairDatasetFiles.CompactFileName, PairDatasetFiles.MetadataFileName }),
            "without a source_store the dataset cannot be judged: it goes, though Carol's pair came after it");
        Assert.That(_host.DataFiles(), Is.Empty);
    }

    [TestCase("{ \"format_version\": 1, ", TestName = "EraseAsync_MetadataNotJson_DeletesTheDataset")]
    [TestCase("\"a string\"", TestName = "EraseAsync_MetadataNotAnObject_DeletesTheDataset")]
    [TestCase("{}", TestName = "EraseAsync_MetadataMissingItsFields_DeletesTheDataset")]
    public async Task EraseAsync_UnreadableMetadata_DeletesTheDataset(string metadata)
    {
        await _host.SeedAsync();
        await _host.ExportAsync();
        await File.WriteAllTextAsync(_host.MetadataPath, metadata);
        await _host.Choose(CarolId, "p_carol", "Carol's first headline", "Carol's second headline");

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = CarolId });

        Assert.That(result.DatasetFilesDeleted, Is.EqualTo(new[] { PairDatasetFiles.CompactFileName, PairDatasetFiles.MetadataFileName }));
        Assert.That(_host.DataFiles(), Is.Empty);
    }

    [Test]
    public async Task EraseAsync_DeleteInterruptedAfterTheDatasetFile_RerunDeletesTheMetadataLeft()
    {
        await _host.SeedAsync();
        await _host.ExportAsync();
        await _host.Store.ErasePairsAsync(new PairErasureQuery { Rater = Pseudonym(AliceId) });
        File.Delete(Path.Combine(_host.DataDirectory, PairDatasetFiles.CompactFileName));

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(result.Store.IsEmpty, Is.True);
        Assert.That(result.DatasetFilesDeleted, Is.EqualTo(new[] { PairDatasetFiles.MetadataFileName }), "the metadata still says the dataset held erased pairs");
        Assert.That(_host.DataFiles(), Is.Empty);
    }

    [Test]
    public async Task EraseAsync_NoDatasetInTheDataFolder_DeletesNothingAndLeavesOtherFiles()
    {
        await _host.SeedAsync();
        Directory.CreateDirectory(_host.DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(_host.DataDirectory, "notes.txt"), "the host's own file");

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(result.DatasetFilesDeleted, Is.Empty);
        Assert.That(_host.DataFiles().Keys, Is.EqualTo(new[] { "notes.txt" }));
    }

    private static bool SamePair(StoredPair? x, StoredPair? y) =>
        x is not null && y is not null
        && (x.Id, x.ItemA.Id, x.ItemB.Id, x.Label, x.Source, x.Rater, x.Sequence, x.CreatedAt) == (y.Id, y.ItemA.Id, y.ItemB.Id, y.Label, y.Source, y.Rater, y.Sequence, y.CreatedAt)
        && x.Tags.SequenceEqual(y.Tags);
}
