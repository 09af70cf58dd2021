using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;
using static Ancso.Ml.Tests.Pairs.Erasure.ErasureTestHost;

namespace Ancso.Ml.Tests.Pairs.Erasure;

/// <summary>
/// An erasure counted first (a dry run changes nothing), run twice (the second is a no-op), and rerun after a crash
/// that came after the store's transaction (the rerun finishes the dataset and reports the models from the erasure log).
/// </summary>
public class PairEraserRerunTests
{
    private ErasureTestHost _host = null!;

    [SetUp]
    public void SetUp() => _host = new ErasureTestHost();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    /// <summary>The seed, a compact export of it, "trained" (active) on all of it and "handed-in" without a fingerprint.</summary>
    private async Task SeedAsync()
    {
        await _host.SeedAsync();
        await _host.ExportAsync();
        await _host.StoreModelAsync("trained", TrainingData(await _host.Store.GetFingerprintAsync()), activate: true);
        await _host.StoreModelAsync("handed-in", TrainingData(null));
    }

    [Test]
    public async Task EraseAsync_DryRun_CountsWhatTheErasureThenErasesAndChangesNothing()
    {
        await SeedAsync();
        var pairs = await _host.PairIdsAsync();
        var items = await _host.Store.ListItemsAsync();
        var embeddings = await _host.Store.ListCachedEmbeddingsAsync();
        var data = _host.DataFiles();
        var models = _host.ModelFiles();

        var dry = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId, DryRun = true });

        Assert.That(dry.DryRun, Is.True);
        Assert.That(dry.DatasetFilesDeleted, Is.Empty);
        Assert.That(await _host.PairIdsAsync(), Is.EqualTo(pairs));
        Assert.That((await _host.Store.ListItemsAsync()).Select(i => i.Id), Is.EqualTo(items.Select(i => i.Id)));
        Assert.That(await _host.Store.ListCachedEmbeddingsAsync(), Is.EqualTo(embeddings));
        Assert.That(_host.DataFiles(), Is.EqualTo(data));
        Assert.That(_host.ModelFiles(), Is.EqualTo(models));
        Assert.That(await _host.Store.HasErasedPairsAsync(new PairStoreFingerprint(await _host.Store.GetStoreIdAsync(), long.MaxValue)), Is.False,
            "the erasure log is empty");
        Assert.That(await _host.MarksAsync(), Is.EqualTo(new Dictionary<string, bool?> { ["trained"] = false, ["handed-in"] = null }), "no version learned from erased data");

        var real = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(real.Store, Is.EqualTo(dry.Store).And.Not.EqualTo(new PairErasureCounts(0, 0, 0)));
        Assert.That(real.DatasetFilesDeleted, Has.Count.EqualTo(2));
        Assert.That(real.ModelsTrainedOnErasedData, Is.EqualTo(new[] { "trained" }));
    }

    [Test]
    public async Task EraseAsync_SecondRun_ZeroCountsNoDatasetDeletedAndTheSameMarks()
    {
        await SeedAsync();
        var first = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        await _host.ExportAsync();
        var data = _host.DataFiles();
        var models = _host.ModelFiles();

        var second = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(first.Store.Pairs, Is.EqualTo(2));
        Assert.That(second.Store, Is.EqualTo(new PairErasureCounts(0, 0, 0)));
        Assert.That(second.DatasetFilesDeleted, Is.Empty);
        Assert.That(_host.DataFiles(), Is.EqualTo(data), "the dataset exported after the first run holds nothing erased");
        Assert.That((second.ModelsTrainedOnErasedData, second.ActiveModelTrainedOnErasedData), Is.EqualTo((first.ModelsTrainedOnErasedData, first.ActiveModelTrainedOnErasedData)));
        Assert.That(second.ModelsTrainedOnErasedData, Is.EqualTo(new[] { "trained" }));
        Assert.That(_host.ModelFiles(), Is.EqualTo(models));
    }

    [Test]
    public async Task EraseAsync_RerunAfterACrashFollowingTheStoreTransaction_DeletesTheDatasetAndReportsTheMarks()
    {
        await SeedAsync();

        // As a run killed right after the store's commit leaves things: the pairs gone, the dataset and models as they were.
        var committed = await _host.Store.ErasePairsAsync(new PairErasureQuery { Rater = Pseudonym(AliceId) });
        Assert.That(committed.Pairs, Is.EqualTo(2));
        Assert.That(_host.DataFiles(), Has.Count.EqualTo(2));

        var rerun = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(rerun.Store.IsEmpty, Is.True, "the store's part was done");
        Assert.That(rerun.DatasetFilesDeleted, Is.EqualTo(new[] { PairDatasetFiles.CompactFileName, PairDatasetFiles.MetadataFileName }));
        Assert.That(_host.DataFiles(), Is.Empty);
        Assert.That((rerun.ModelsTrainedOnErasedData, rerun.ActiveModelTrainedOnErasedData), Is.EqualTo((new[] { "trained" }, true)));
    }

    [Test]
    public async Task EraseAsync_DryRunAfterAnErasure_ReportsTheMarksAndStillDeletesNoDataset()
    {
        await SeedAsync();
        await _host.Store.ErasePairsAsync(new PairErasureQuery { Rater = Pseudonym(AliceId) });
        var data = _host.DataFiles();

        var dry = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId, DryRun = true });

        Assert.That(dry.Store.IsEmpty, Is.True);
        Assert.That(dry.DatasetFilesDeleted, Is.Empty);
        Assert.That(_host.DataFiles(), Is.EqualTo(data), "a dry run deletes no dataset, even one that holds erased pairs");
        Assert.That((dry.ModelsTrainedOnErasedData, dry.ActiveModelTrainedOnErasedData), Is.EqualTo((new[] { "trained" }, true)));
    }
}
