using Ancso.Ml.Models;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Export;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.PostgreSql.Tests.Server;

namespace Ancso.Ml.PostgreSql.Tests.Pairs;

/// <summary>
/// <see cref="IPairEraser"/> over the PostgreSQL pair store and model registry, as a fleet uses it: one instance erases,
/// every instance sees which versions learned from the erased data, and the purge deletes their rows (with their
/// activation history) and the erasing instance's local copies, never the active version.
/// </summary>
public sealed class PostgreSqlEraserTests
{
    private const string AliceId = "alice@example.com";
    private const string BobId = "bob-4711";

    private readonly List<EraserInstance> _instances = [];
    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    private string Quoted => $"\"{_schema}\"";

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
        await _server.ScalarAsync($"DROP SCHEMA IF EXISTS {Quoted} CASCADE;");
    }

    /// <summary>
    /// Alice's two choices and Bob's one (sharing a text with Alice's), exported into the worker's data folder; then
    /// "older" and "active" trained on all of it ("older" activated first, then "active"), and "handed-in" without a
    /// fingerprint.
    /// </summary>
    private async Task<EraserInstance> SeedAsync()
    {
        var worker = Instance();
        await Choose(worker, AliceId, "p_alice_1", "Alice wrote this headline", "Alice rewrote this headline");
        await Choose(worker, AliceId, "p_alice_2", "Shared headline", "Alice's second headline");
        await Choose(worker, BobId, "p_bob", "Shared headline", "Bob's own headline");
        await worker.Exporter.ExportAsync();
        var everything = EraserInstance.TrainingData(await worker.Store.GetFingerprintAsync());
        await worker.StoreModelAsync("older", 1, everything);
        await worker.StoreModelAsync("active", 2, everything);
        await worker.StoreModelAsync("handed-in", 3, EraserInstance.TrainingData(null));
        await worker.Registry.ActivateAsync("older");
        await worker.Registry.ActivateAsync("active");
        return worker;
    }

    [Test]
    public async Task EraseAsync_Rater_ErasesFromPostgreSqlDeletesTheDatasetAndMarksTheVersionsTrainedOnTheirPairs()
    {
        var worker = await SeedAsync();

        var result = await worker.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        await worker.StoreModelAsync("retrained", 4, EraserInstance.TrainingData(await worker.Store.GetFingerprintAsync()));

        Assert.That(result.Store, Is.EqualTo(new PairErasureCounts(2, 3, 0)));
        Assert.That(await PairIdsAsync(worker), Is.EqualTo(new[] { "p_bob" }));
        Assert.That(result.DatasetFilesDeleted, Is.EqualTo(new[] { PairDatasetFiles.CompactFileName, PairDatasetFiles.MetadataFileName }));
        Assert.That(Directory.GetFiles(worker.DatasetDirectory), Is.Empty);
        Assert.That((result.ModelsTrainedOnErasedData, result.ActiveModelTrainedOnErasedData), Is.EqualTo((new[] { "active", "older" }, true)));
        Assert.That(await worker.MarksAsync(), Is.EqualTo(new (string, bool, bool?)[]
        {
            ("retrained", false, false),
            ("handed-in", false, null),
            ("active", true, true),
            ("older", false, true),
        }));
    }

    [Test]
    public async Task CheckModelsAsync_AnotherInstance_SeesTheSameMarks()
    {
        var worker = await SeedAsync();
        var api = Instance();
        var before = await api.MarksAsync();

        await worker.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });

        Assert.That(before.Select(m => m.Marked), Is.EqualTo(new bool?[] { null, false, false }), "nothing erased yet");
        Assert.That(await api.MarksAsync(), Is.EqualTo(await worker.MarksAsync()));
        Assert.That(await api.MarksAsync(), Is.EqualTo(new (string, bool, bool?)[] { ("handed-in", false, null), ("active", true, true), ("older", false, true) }));
    }

    [Test]
    public async Task PurgeModelsAsync_AfterAnErasure_DeletesTheMarkedRowsHistoryAndLocalCopyButNeverTheActiveVersion()
    {
        var worker = await SeedAsync();
        await worker.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        Assert.That(await ScalarAsync("SELECT previous_version FROM {0}.model_state;"), Is.EqualTo("older"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM {0}.model_activations WHERE version = 'older';"), Is.EqualTo(1L));
        Assert.That(File.Exists(Path.Combine(worker.LocalFolder, ModelFileNames.Model("older"))), Is.True, "the worker keeps a local copy of what it stored");

        var first = await worker.Eraser.PurgeModelsAsync();
        var second = await worker.Eraser.PurgeModelsAsync();

        Assert.That((first.Deleted, first.ActiveModelTrainedOnErasedData), Is.EqualTo((new[] { "older" }, true)));
        Assert.That((second.Deleted, second.ActiveModelTrainedOnErasedData), Is.EqualTo((Array.Empty<string>(), true)));
        Assert.That(await ScalarAsync("SELECT string_agg(version, ',' ORDER BY version) FROM {0}.model_versions;"), Is.EqualTo("active,handed-in"));
        Assert.That(await ScalarAsync("SELECT count(*) FROM {0}.model_activations WHERE version = 'older';"), Is.EqualTo(0L));
        Assert.That(await ScalarAsync("SELECT active_version || '/' || COALESCE(previous_version, '-') FROM {0}.model_state;"), Is.EqualTo("active/-"));
        Assert.That(File.Exists(Path.Combine(worker.LocalFolder, ModelFileNames.Model("older"))), Is.False);
        Assert.That(File.Exists(Path.Combine(worker.LocalFolder, ModelFileNames.Metadata("older"))), Is.False);
        Assert.That((await worker.Registry.GetActiveAsync())?.Version, Is.EqualTo("active"));
    }

    [Test]
    public async Task PurgeModelsAsync_AnotherInstanceServedAPurgedVersion_ItsLocalCopyGoesWhenItNextChecksTheActiveVersion()
    {
        var worker = await SeedAsync();
        var api = Instance();
        Directory.CreateDirectory(api.LocalFolder);
        foreach (var file in new[] { ModelFileNames.Model("older"), ModelFileNames.Metadata("older") })
        {
            // As if this instance had served "older" before "active" was activated.
            File.Copy(Path.Combine(worker.LocalFolder, file), Path.Combine(api.LocalFolder, file));
        }

        await worker.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        await worker.Eraser.PurgeModelsAsync();
        var active = await api.Registry.GetActiveAsync();

        Assert.That(active?.Version, Is.EqualTo("active"));
        Assert.That(File.Exists(Path.Combine(api.LocalFolder, ModelFileNames.Model("older"))), Is.False, "the purged version's copy is gone");
        Assert.That(File.Exists(Path.Combine(api.LocalFolder, ModelFileNames.Metadata("older"))), Is.False);
        Assert.That(File.Exists(Path.Combine(api.LocalFolder, ModelFileNames.Model("active"))), Is.True, "the active version's copy stays");
    }

    [Test]
    public async Task PurgeModelsAsync_ReplacementActivatedFirst_DeletesEveryMarkedVersion()
    {
        var worker = await SeedAsync();
        await worker.Eraser.EraseAsync(new ErasureRequest { RaterId = AliceId });
        await worker.StoreModelAsync("retrained", 4, EraserInstance.TrainingData(await worker.Store.GetFingerprintAsync()));
        await worker.Registry.ActivateAsync("retrained");

        var purge = await worker.Eraser.PurgeModelsAsync();

        Assert.That((purge.Deleted, purge.ActiveModelTrainedOnErasedData), Is.EqualTo((new[] { "active", "older" }, false)));
        Assert.That(await ScalarAsync("SELECT string_agg(version, ',' ORDER BY version) FROM {0}.model_versions;"), Is.EqualTo("handed-in,retrained"));
        Assert.That(await ScalarAsync("SELECT string_agg(version, ',' ORDER BY seq) FROM {0}.model_activations;"), Is.EqualTo("retrained"));
        Assert.That(await ScalarAsync("SELECT active_version || '/' || COALESCE(previous_version, '-') FROM {0}.model_state;"), Is.EqualTo("retrained/-"));
    }

    [Test]
    public async Task DeleteAsync_ActiveVersion_RefusedWithVersionActiveAndChangesNothing()
    {
        var worker = await SeedAsync();
        var state = await ScalarAsync("SELECT active_version || '/' || previous_version || '/' || (SELECT count(*) FROM {0}.model_activations) FROM {0}.model_state;");

        var e = Assert.ThrowsAsync<ModelRegistryException>(() => worker.Registry.DeleteAsync("active"));

        Assert.That(e!.Kind, Is.EqualTo(ModelRegistryErrorKind.VersionActive));
        Assert.That(e.Message, Does.Contain("active").And.Contain(_schema));
        Assert.That(await ScalarAsync("SELECT active_version || '/' || previous_version || '/' || (SELECT count(*) FROM {0}.model_activations) FROM {0}.model_state;"), Is.EqualTo(state));
        Assert.That(await ScalarAsync("SELECT count(*) FROM {0}.model_versions;"), Is.EqualTo(3L));
    }

    [Test]
    public async Task DeleteAsync_TheRollbackTarget_ClearsPreviousVersionSoRollbackSaysThereIsNone()
    {
        var worker = await SeedAsync();

        var deleted = await worker.Registry.DeleteAsync("older");

        Assert.That(deleted, Is.True);
        Assert.That(await ScalarAsync("SELECT previous_version FROM {0}.model_state;"), Is.EqualTo(DBNull.Value));
        var e = Assert.ThrowsAsync<ModelRegistryException>(() => worker.Registry.RollbackAsync());
        Assert.That(e!.Kind, Is.EqualTo(ModelRegistryErrorKind.NoPreviousVersion));
        Assert.That((await worker.Registry.ListVersionsAsync()).Select(v => v.Version), Is.EqualTo(new[] { "handed-in", "active" }));
    }

    [Test]
    public async Task DeleteAsync_VersionNotStoredOrInvalid_FalseOrRefused()
    {
        var worker = await SeedAsync();

        Assert.That(await worker.Registry.DeleteAsync("nowhere"), Is.False);
        var e = Assert.ThrowsAsync<ModelRegistryException>(() => worker.Registry.DeleteAsync("../escape"));
        Assert.That(e!.Kind, Is.EqualTo(ModelRegistryErrorKind.InvalidVersion));
        Assert.That(await ScalarAsync("SELECT count(*) FROM {0}.model_versions;"), Is.EqualTo(3L));
    }

    private EraserInstance Instance()
    {
        var instance = new EraserInstance(_server, _schema);
        _instances.Add(instance);
        return instance;
    }

    private static Task<RecordedPair> Choose(EraserInstance instance, string raterId, string pairId, string a, string b) =>
        instance.Recorder.RecordUserChoiceAsync(new UserChoice("linkedin", "headline", a, b, PairSide.B) { PairId = pairId, RaterId = raterId });

    private static async Task<List<string>> PairIdsAsync(EraserInstance instance)
    {
        var ids = new List<string>();
        await foreach (var pair in instance.Store.StreamPairsAsync())
        {
            ids.Add(pair.Id);
        }

        return ids;
    }

    private Task<object?> ScalarAsync(string sql) => _server.ScalarAsync(sql.Replace("{0}", Quoted, StringComparison.Ordinal));
}
