using Ancso.Ml.Embeddings;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Sqlite.Tests;

/// <summary>
/// A pair store written by the released library (schema 2: steps 1 and 2) opens at schema 3 with its pairs kept, numbered
/// by their stored <c>seq</c>, a store id of its own, and an empty erasure log.
/// </summary>
public class ErasureMigrationTests : SqliteFileTests
{
    private const string Rater = "r_0123456789abcdef0123456789abcdef";

    /// <summary>Schema step 2 exactly as released; a released step never changes.</summary>
    private const string SchemaVersion2Step = """
        ALTER TABLE pairs ADD COLUMN rater TEXT NULL CHECK (rater IS NULL OR (length(rater) = 34 AND substr(rater, 1, 2) = 'r_' AND substr(rater, 3) NOT GLOB '*[^0-9a-f]*'));
        CREATE INDEX ix_pairs_rater ON pairs (rater) WHERE rater IS NOT NULL;
        """;

    [Test]
    public void Migrations_Step2_IsTheReleasedStepUnchanged()
    {
        Assert.That(Normalize(SqlitePairStoreSchema.Migrations[1].Sql), Is.EqualTo(Normalize(SchemaVersion2Step)));
    }

    [Test]
    public async Task Open_Version2File_KeepsThePairsNumberedByTheirSeqAndCreatesAStoreId()
    {
        CreateVersion2File();
        Assert.That(Scalar("PRAGMA user_version;"), Is.EqualTo(2L));
        Assert.That(Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'store_info';"), Is.Zero);

        string storeId;
        using (var store = Store())
        {
            var pairs = await ToListAsync(store.StreamPairsAsync());
            var second = await store.GetPairAsync("p_two");
            storeId = await store.GetStoreIdAsync();

            Assert.That(pairs.Select(p => (p.Id, p.Sequence, p.Rater)), Is.EqualTo(new[] { ("p_one", 1L, (string?)Rater), ("p_two", 2L, null), ("p_three", 3L, Rater) }));
            Assert.That(second!.Sequence, Is.EqualTo(2L));
            Assert.That(storeId, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(await store.HasErasedPairsAsync(new PairStoreFingerprint(storeId, long.MaxValue)), Is.False);
            Assert.That(await store.CountItemsAsync(), Is.EqualTo(5));
        }

        SqliteConnection.ClearAllPools();
        Assert.That(Scalar("PRAGMA user_version;"), Is.EqualTo(3L));
        Assert.That(Scalar("SELECT COUNT(*) FROM erased_pairs;"), Is.Zero);
        using var reopened = Store();
        Assert.That(await reopened.GetStoreIdAsync(), Is.EqualTo(storeId), "the id is created once, by the migration");
    }

    [Test]
    public async Task ErasePairsAsync_MigratedVersion2File_ErasesTheOldPairsAndLogsTheirSeq()
    {
        CreateVersion2File();
        using var store = Store();
        var storeId = await store.GetStoreIdAsync();

        var counts = await store.ErasePairsAsync(new PairErasureQuery { Rater = Rater });
        var left = await ToListAsync(store.StreamPairsAsync());

        Assert.That(counts, Is.EqualTo(new PairErasureCounts(2, 3, 0)));
        Assert.That(left.Select(p => (p.Id, p.Sequence)), Is.EqualTo(new[] { ("p_two", 2L) }));
        Assert.That(await store.HasErasedPairsAsync(new PairStoreFingerprint(storeId, 1)), Is.True);
        Assert.That(await store.HasErasedPairsAsync(new PairStoreFingerprint(storeId, 3, Source: PairSources.Manual)), Is.False);
    }

    [Test]
    public async Task GetStoreIdAsync_RowRemoved_CreatesOneNewIdThatStays()
    {
        using var store = Store();
        var before = await store.GetStoreIdAsync();
        Execute("DELETE FROM store_info;");

        var ids = await Task.WhenAll(Task.Run(() => store.GetStoreIdAsync()), Task.Run(() => store.GetStoreIdAsync()));

        Assert.That(ids[0], Does.Match("^[0-9a-f]{32}$").And.Not.EqualTo(before));
        Assert.That((ids[1], await store.GetStoreIdAsync()), Is.EqualTo((ids[0], ids[0])));
    }

    /// <summary>
    /// A file as the released library writes it: schema steps 1 and 2 (checked above to be the released ones) and three
    /// pairs (two by a rater), written with plain SQL, since today's store writes what schema 3 adds.
    /// </summary>
    private void CreateVersion2File()
    {
        Execute(SqlitePairStoreSchema.Migrations[0].Sql + SqlitePairStoreSchema.Migrations[1].Sql +
            $"PRAGMA user_version = 2; PRAGMA application_id = {SqlitePairStoreSchema.ApplicationId};");
        foreach (var text in new[] { "Dev", "Go developer", "Rust developer", "Coder", "Kotlin developer" })
        {
            Execute(
                "INSERT INTO items (id, content_hash, platform, section, text, text_hash, metrics, created_at) VALUES ($id, $hash, 'github', 'bio', $text, $text_hash, NULL, 0);",
                ("$id", TestIds.ForItem("github", "bio", text)),
                ("$hash", TestIds.ContentHash("github", "bio", text)),
                ("$text", text),
                ("$text_hash", TestIds.TextHash(text)));
        }

        foreach (var (id, a, b, source, rater) in new[]
        {
            ("p_one", "Dev", "Go developer", PairSources.UserChoice, (object)Rater),
            ("p_two", "Dev", "Rust developer", PairSources.Manual, DBNull.Value),
            ("p_three", "Coder", "Kotlin developer", PairSources.UserChoice, Rater),
        })
        {
            Execute(
                "INSERT INTO pairs (id, item_a, item_b, platform, section, label, source, tags, note, created_at, rater) VALUES ($id, $a, $b, 'github', 'bio', 1, $source, '[]', NULL, 0, $rater);",
                ("$id", id),
                ("$a", TestIds.ForItem("github", "bio", a)),
                ("$b", TestIds.ForItem("github", "bio", b)),
                ("$source", source),
                ("$rater", rater));
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
