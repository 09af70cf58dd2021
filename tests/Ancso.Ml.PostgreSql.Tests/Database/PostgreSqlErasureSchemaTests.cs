using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.PostgreSql.Database;
using Ancso.Ml.PostgreSql.Pairs;
using Ancso.Ml.PostgreSql.Tests.Server;

namespace Ancso.Ml.PostgreSql.Tests.Database;

/// <summary>Schema step 3: a store at version 2 (as the released library leaves it) gains its id and erasure log, and keeps its pairs and their numbers.</summary>
public sealed class PostgreSqlErasureSchemaTests
{
    private const string Rater = "r_0123456789abcdef0123456789abcdef";

    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    private string Quoted => $"\"{_schema}\"";

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlServer.GetAsync();

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown() => await _server.ScalarAsync($"DROP SCHEMA IF EXISTS {Quoted} CASCADE;");

    [Test]
    public async Task GetStoreIdAsync_StoreAtVersionTwoWithPairs_MigratesToThreeKeepingPairsAndTheirSequence()
    {
        await using (var released = Database(PostgreSqlSchema.Migrations.Take(2).ToList()))
        {
            await new PostgreSqlPairStore(released).AddPairsAsync(
            [
                new NewPair("github", "bio", "Dev", "Go developer", PairSide.B, PairSources.UserChoice) { Id = "p_one", Rater = Rater },
                new NewPair("github", "bio", "Dev", "Rust developer", PairSide.A, PairSources.Manual) { Id = "p_two" },
            ]);
        }

        Assert.That(await _server.ScalarAsync($"SELECT to_regclass('{Quoted}.store_info') IS NULL;"), Is.True);

        string storeId;
        await using (var current = Database())
        {
            var store = new PostgreSqlPairStore(current);
            storeId = await store.GetStoreIdAsync();
            var pairs = new List<StoredPair>();
            await foreach (var pair in store.StreamPairsAsync())
            {
                pairs.Add(pair);
            }

            Assert.That(storeId, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(pairs.Select(p => (p.Id, p.Sequence, p.Rater)), Is.EqualTo(new[] { ("p_one", 1L, (string?)Rater), ("p_two", 2L, null) }));
            Assert.That((await store.GetPairAsync("p_two"))!.Sequence, Is.EqualTo(2L));
            Assert.That(await store.HasErasedPairsAsync(new PairStoreFingerprint(storeId, long.MaxValue)), Is.False);
        }

        Assert.That(await _server.ScalarAsync($"SELECT string_agg(version::text, ',' ORDER BY version) FROM {Quoted}.schema_migrations;"), Is.EqualTo("1,2,3"));
        Assert.That(await _server.ScalarAsync($"SELECT count(*) FROM {Quoted}.erased_pairs;"), Is.EqualTo(0L));
        await using var reopened = Database();
        Assert.That(await new PostgreSqlPairStore(reopened).GetStoreIdAsync(), Is.EqualTo(storeId));
    }

    [Test]
    public async Task GetStoreIdAsync_RowRemoved_CreatesOneIdThatEveryInstanceThenReads()
    {
        await using var first = Database();
        await using var second = Database();
        var before = await new PostgreSqlPairStore(first).GetStoreIdAsync();
        await _server.ScalarAsync($"DELETE FROM {Quoted}.store_info;");

        var ids = await Task.WhenAll(
            Task.Run(() => new PostgreSqlPairStore(first).GetStoreIdAsync()),
            Task.Run(() => new PostgreSqlPairStore(second).GetStoreIdAsync()));

        Assert.That(ids[0], Does.Match("^[0-9a-f]{32}$").And.Not.EqualTo(before));
        Assert.That(ids[1], Is.EqualTo(ids[0]));
    }

    private PostgreSqlDatabase Database(IReadOnlyList<PostgreSqlMigration>? migrations = null) =>
        new(PostgreSqlDatabase.CreateDataSource(_server.ConnectionString()), ownsDataSource: true, new PostgreSqlOptions { Schema = _schema }, migrations: migrations);
}
