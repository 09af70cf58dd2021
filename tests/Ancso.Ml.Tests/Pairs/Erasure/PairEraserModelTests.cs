using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Storage;
using static Ancso.Ml.Tests.Pairs.Erasure.ErasureTestHost;

namespace Ancso.Ml.Tests.Pairs.Erasure;

/// <summary>
/// Which stored model versions learned from erased data, judged by the training fingerprint in their metadata against
/// the store's erasure log, and the purge of those versions (never the active one) through a real
/// <see cref="FileModelRegistry"/>.
/// </summary>
public class PairEraserModelTests
{
    private ErasureTestHost _host = null!;

    [SetUp]
    public void SetUp() => _host = new ErasureTestHost();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    /// <summary>
    /// The seed, then: "active" and "older" trained on everything (Alice's pairs included), "github" on the GitHub pairs
    /// only, "handed-in" with a JSON null fingerprint and "legacy" without one. "active" is active.
    /// </summary>
    private async Task SeedModelsAsync()
    {
        await _host.SeedAsync();
        var everything = await _host.Store.GetFingerprintAsync();
        await _host.StoreModelAsync("older", TrainingData(everything));
        await _host.StoreModelAsync("active", TrainingData(everything), activate: true);
        await _host.StoreModelAsync("github", TrainingData(await _host.Store.GetFingerprintAsync(new PairFilter { Platform = "github" })));
        await _host.StoreModelAsync("handed-in", TrainingData(null));
        await _host.StoreModelAsync("legacy", trainingData: null);
    }

    [Test]
    public async Task CheckModelsAsync_NothingErased_NoVersionMarkedAndThoseWithoutAFingerprintUnknown()
    {
        await SeedModelsAsync();

        var marks = await _host.MarksAsync();

        Assert.That(marks, Is.EqualTo(new Dictionary<string, bool?>
        {
            ["older"] = false, ["active"] = false, ["github"] = false, ["handed-in"] = null, ["legacy"] = null,
        }));
    }

    [Test]
    public async Task CheckModelsAsync_FingerprintOfAnotherStoreOrInheritedThroughAWarmStart_UnknownOrMarkedAsItsLineageSays()
    {
        await _host.SeedAsync();
        var everything = await _host.Store.GetFingerprintAsync();
        var elsewhere = everything with { StoreId = new string('0', 32) };
        await _host.StoreModelAsync("dev-database", TrainingData(elsewhere));
        await _host.StoreModelAsync("warm-started", TrainingData(await _host.Store.GetFingerprintAsync(new PairFilter { Platform = "github" })), inherited: [TrainingData(everything)]);
        await _host.StoreModelAsync("warm-started-from-unknown", TrainingData(everything), inherited: [TrainingData(null)]);

        var before = await _host.MarksAsync();
        await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        var after = await _host.MarksAsync();

        Assert.That(before, Is.EqualTo(new Dictionary<string, bool?> { ["dev-database"] = null, ["warm-started"] = false, ["warm-started-from-unknown"] = null }),
            "another store's fingerprint cannot be judged here; a warm start inherits its parent's");
        Assert.That(after, Is.EqualTo(new Dictionary<string, bool?> { ["dev-database"] = null, ["warm-started"] = true, ["warm-started-from-unknown"] = true }),
            "a github-only model warm-started from one that learned Alice's pairs carries them too");
    }

    [Test]
    public async Task EraseAsync_Rater_MarksTheVersionsTrainedOnTheirPairsOnlyAndSaysTheActiveIsAmongThem()
    {
        await SeedModelsAsync();

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        await _host.StoreModelAsync("retrained", TrainingData(await _host.Store.GetFingerprintAsync()));
        var statuses = await _host.Eraser.CheckModelsAsync();

        Assert.That(result.ModelsTrainedOnErasedData, Is.EqualTo(new[] { "active", "older" }), "in the registry's order, newest first");
        Assert.That(result.ActiveModelTrainedOnErasedData, Is.True);
        Assert.That(statuses.Select(s => (s.Version, s.IsActive, s.TrainedOnErasedData)), Is.EqualTo(new (string, bool, bool?)[]
        {
            ("retrained", false, false),
            ("legacy", false, null),
            ("handed-in", false, null),
            ("github", false, false),
            ("active", true, true),
            ("older", false, true),
        }));
    }

    [Test]
    public async Task EraseAsync_ActiveVersionNotTrainedOnThem_ListsTheMarkedVersionsAndSaysTheActiveIsNot()
    {
        await SeedModelsAsync();
        await _host.Registry.ActivateAsync("github");

        var result = await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(result.ModelsTrainedOnErasedData, Is.EqualTo(new[] { "active", "older" }));
        Assert.That(result.ActiveModelTrainedOnErasedData, Is.False);
    }

    [Test]
    public async Task PurgeModelsAsync_AfterAnErasure_DeletesTheMarkedVersionsButNeverTheActiveOneAndAgainDeletesNothing()
    {
        await SeedModelsAsync();
        await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        var before = _host.ModelFiles();

        var first = await _host.Eraser.PurgeModelsAsync();
        var afterFirst = _host.ModelFiles();
        var second = await _host.Eraser.PurgeModelsAsync();

        Assert.That((first.Deleted, first.ActiveModelTrainedOnErasedData), Is.EqualTo((new[] { "older" }, true)));
        Assert.That(before.Keys.Except(afterFirst.Keys), Is.EquivalentTo(new[] { ModelFileNames.Model("older"), ModelFileNames.Metadata("older") }));
        Assert.That(afterFirst.Keys, Does.Contain(ModelFileNames.Model("active")).And.Contain(ModelFileNames.Metadata("active")));
        Assert.That((second.Deleted, second.ActiveModelTrainedOnErasedData), Is.EqualTo((Array.Empty<string>(), true)));
        Assert.That(_host.ModelFiles(), Is.EqualTo(afterFirst), "the second purge changes nothing");
        Assert.That((await _host.MarksAsync()).Keys, Is.EquivalentTo(new[] { "active", "github", "handed-in", "legacy" }), "unknown versions are left to the host");
    }

    [Test]
    public async Task PurgeModelsAsync_ReplacementActivatedFirst_DeletesEveryMarkedVersion()
    {
        await SeedModelsAsync();
        await _host.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        await _host.StoreModelAsync("retrained", TrainingData(await _host.Store.GetFingerprintAsync()), activate: true);

        var purge = await _host.Eraser.PurgeModelsAsync();

        Assert.That((purge.Deleted, purge.ActiveModelTrainedOnErasedData), Is.EqualTo((new[] { "active", "older" }, false)));
        Assert.That((await _host.Registry.ListVersionsAsync()).Select(v => v.Version), Is.EqualTo(new[] { "retrained", "legacy", "handed-in", "github" }));
        Assert.That((await _host.Registry.GetActiveAsync())!.Version, Is.EqualTo("retrained"));
    }

    [Test]
    public async Task PurgeModelsAsync_NothingErased_DeletesNothing()
    {
        await SeedModelsAsync();
        var before = _host.ModelFiles();

        var purge = await _host.Eraser.PurgeModelsAsync();

        Assert.That((purge.Deleted, purge.ActiveModelTrainedOnErasedData), Is.EqualTo((Array.Empty<string>(), false)));
        Assert.That(_host.ModelFiles(), Is.EqualTo(before));
    }
}
