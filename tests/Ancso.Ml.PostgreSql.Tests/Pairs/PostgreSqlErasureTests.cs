using Ancso.Ml.Embeddings;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.PostgreSql.Database;
using Ancso.Ml.PostgreSql.Pairs;
using Ancso.Ml.PostgreSql.Tests.Server;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.PostgreSql.Tests.Pairs;

/// <summary>
/// The PostgreSQL store's erasure: one transaction (a failure part-way leaves everything as it was), the dead tuples
/// removed by the vacuum after it (<see cref="PostgreSqlOptions.VacuumAfterErase"/>), and one log line of counts.
/// </summary>
public sealed class PostgreSqlErasureTests
{
    private const string RaterX = "r_5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";
    private const string RaterY = "r_0123456789abcdef0123456789abcdef";

    private PostgreSqlServer _server = null!;
    private string _schema = null!;

    private string Quoted => $"\"{_schema}\"";

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await PostgreSqlServer.GetAsync();
        await _server.ScalarAsync("CREATE EXTENSION IF NOT EXISTS pageinspect; CREATE EXTENSION IF NOT EXISTS pgstattuple;");
    }

    [SetUp]
    public void SetUp() => _schema = PostgreSqlServer.NewSchema();

    [TearDown]
    public async Task TearDown() => await _server.ScalarAsync($"DROP SCHEMA IF EXISTS {Quoted} CASCADE;");

    [Test]
    public async Task ErasePairsAsync_FailurePartWay_LeavesPairsItemsEmbeddingsAndLogAsTheyWere()
    {
        await using var database = Database();
        var store = new PostgreSqlPairStore(database);
        await SeedAsync(store);
        var before = await SnapshotAsync();

        // The embeddings go last in the erasure's plan of work; failing there must undo the pairs, items and log lines.
        await _server.ScalarAsync($"""
            CREATE FUNCTION {Quoted}.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
            CREATE TRIGGER refuse_delete AFTER DELETE ON {Quoted}.embeddings FOR EACH ROW EXECUTE FUNCTION {Quoted}.refuse();
            """);

        var e = Assert.ThrowsAsync<PairStoreException>(() => store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX }));

        Assert.That(e!.Message, Does.Contain("injected failure").And.Contain("Nothing was erased"));
        Assert.That(await SnapshotAsync(), Is.EqualTo(before));
        Assert.That(await store.HasErasedPairsAsync(new PairStoreFingerprint(await store.GetStoreIdAsync(), long.MaxValue)), Is.False);

        await _server.ScalarAsync($"DROP TRIGGER refuse_delete ON {Quoted}.embeddings;");
        Assert.That(await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX }), Is.EqualTo(new PairErasureCounts(3, 6, 6)));
    }

    [Test]
    public async Task ErasePairsAsync_VacuumAfterErase_NoTupleOfTheErasedRowsRemainsInTheTables()
    {
        await using var database = Database();
        var store = new PostgreSqlPairStore(database);
        await SeedAsync(store);

        await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX });

        Assert.That(await TuplesHoldingAsync("XSECRET"), Is.Zero, "no tuple, live or dead, holds an erased text or note");
        Assert.That(await TuplesHoldingAsync(RaterX), Is.Zero);
        Assert.That(await DeadTuplesAsync(), Is.Zero);
        Assert.That(await TuplesHoldingAsync("YKEEP"), Is.GreaterThan(0), "the other rater's rows are found");
    }

    [Test]
    public async Task ErasePairsAsync_VacuumAfterEraseOff_TheErasedRowsStayAsDeadTuplesUntilAVacuum()
    {
        await using var database = Database(vacuum: false);
        var store = new PostgreSqlPairStore(database);
        await SeedAsync(store);

        await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX });

        Assert.That(await TuplesHoldingAsync("XSECRET"), Is.GreaterThan(0), "deleted rows are dead tuples, still in the pages");
        Assert.That(await DeadTuplesAsync(), Is.GreaterThan(0));
        Assert.That(await StreamedRatersAsync(store), Is.EqualTo(new[] { RaterY, RaterY, RaterY }), "yet no read sees them");
    }

    [Test]
    public async Task ErasePairsAsync_Erasure_LogsOneInformationLineOfCountsWithoutTextsIdsOrRaters()
    {
        var log = new LogCapture();
        await using var database = Database(logger: log);
        var store = new PostgreSqlPairStore(database);
        await SeedAsync(store);

        await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX }, dryRun: true);
        await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX, ItemId = Item("XSECRET 0 a") });

        var lines = log.Entries.Where(e => e.EventId.Id == 3813).ToList();
        Assert.That(lines.Select(l => l.Level), Is.EqualTo(new[] { LogLevel.Information, LogLevel.Information }));
        Assert.That(lines[0].Message, Does.Contain("would erase (dry run) 3 pairs, 6 items").And.Contain("6 cached embeddings"));
        Assert.That(lines[1].Message, Does.Contain("erased 1 pairs, 2 items").And.Contain("a rater, an item"));
        Assert.That(log.Entries.Select(e => e.Message), Has.None.Contain("XSECRET").And.None.Contain(RaterX).And.None.Contain(Item("XSECRET 0 a")));
    }

    /// <summary>Three pairs of rater X and three of rater Y, each text with a cached vector.</summary>
    private static async Task SeedAsync(PostgreSqlPairStore store)
    {
        var pairs = new List<NewPair>();
        for (var i = 0; i < 3; i++)
        {
            pairs.Add(new NewPair("linkedin", "about", $"XSECRET {i} a", $"XSECRET {i} b", PairSide.A, PairSources.UserChoice) { Id = $"p_x{i}", Rater = RaterX, Note = $"XSECRET note {i}" });
            pairs.Add(new NewPair("linkedin", "about", $"YKEEP {i} a", $"YKEEP {i} b", PairSide.B, PairSources.UserChoice) { Id = $"p_y{i}", Rater = RaterY, Note = $"YKEEP note {i}" });
        }

        await store.AddPairsAsync(pairs);
        var texts = pairs.SelectMany(p => new[] { p.TextA, p.TextB });
        await store.SetManyAsync("test:vacuum", 4, texts.ToDictionary(EmbeddingTextHash.Compute, _ => new[] { 1f, 2f, 3f, 4f }));
    }

    private async Task<string> SnapshotAsync() => (string)(await _server.ScalarAsync($"""
        SELECT (SELECT count(*) FROM {Quoted}.pairs) || '/' || (SELECT count(*) FROM {Quoted}.items) || '/' ||
               (SELECT count(*) FROM {Quoted}.embeddings) || '/' || (SELECT count(*) FROM {Quoted}.erased_pairs);
        """))!;

    /// <summary>Counts the tuples (live or dead: every line pointer with storage) in the pages of pairs and items whose bytes hold <paramref name="marker"/>.</summary>
    private async Task<long> TuplesHoldingAsync(string marker)
    {
        long total = 0;
        foreach (var table in new[] { "pairs", "items" })
        {
            total += (long)(await _server.ScalarAsync($"""
                SELECT count(*)
                FROM generate_series(0, (pg_relation_size('{Quoted}.{table}') / current_setting('block_size')::bigint)::int - 1) AS b,
                     LATERAL heap_page_items(get_raw_page('{Quoted}.{table}', b)) AS t
                WHERE t.t_data IS NOT NULL AND position(convert_to('{marker}', 'UTF8') IN t.t_data) > 0;
                """))!;
        }

        return total;
    }

    /// <summary>Counts the dead tuples of pairs, items and embeddings, and of their TOAST tables.</summary>
    private async Task<long> DeadTuplesAsync() => (long)(await _server.ScalarAsync($"""
        SELECT COALESCE(sum((pgstattuple(c.oid)).dead_tuple_count), 0)::bigint
        FROM pg_class c
        WHERE c.oid IN ('{Quoted}.pairs'::regclass, '{Quoted}.items'::regclass, '{Quoted}.embeddings'::regclass)
           OR c.oid IN (SELECT reltoastrelid FROM pg_class WHERE oid IN ('{Quoted}.pairs'::regclass, '{Quoted}.items'::regclass, '{Quoted}.embeddings'::regclass));
        """))!;

    private static async Task<List<string?>> StreamedRatersAsync(PostgreSqlPairStore store)
    {
        var raters = new List<string?>();
        await foreach (var pair in store.StreamPairsAsync())
        {
            raters.Add(pair.Rater);
        }

        return raters;
    }

    private static string Item(string text) => PairIds.ForItem("linkedin", "about", text);

    private PostgreSqlDatabase Database(bool vacuum = true, ILogger? logger = null) =>
        new(PostgreSqlDatabase.CreateDataSource(_server.ConnectionString()), ownsDataSource: true, new PostgreSqlOptions { Schema = _schema, VacuumAfterErase = vacuum }, logger: logger);
}
