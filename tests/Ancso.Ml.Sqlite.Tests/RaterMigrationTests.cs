using Ancso.Ml.Embeddings;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Sqlite.Tests;

/// <summary>A pair store written before raters existed (schema 1) opens, gains <c>pairs.rater</c>, and keeps its pairs unattributed.</summary>
public class RaterMigrationTests : SqliteFileTests
{
    /// <summary>Schema step 1 exactly as released; a released step never changes.</summary>
    private const string SchemaVersion1 = """
        CREATE TABLE items (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            platform TEXT NOT NULL,
            section TEXT NOT NULL,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            metrics TEXT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX ix_items_platform_section ON items (platform, section);
        CREATE TABLE pairs (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            item_a TEXT NOT NULL REFERENCES items (id),
            item_b TEXT NOT NULL REFERENCES items (id),
            platform TEXT NOT NULL,
            section TEXT NOT NULL,
            label INTEGER NOT NULL CHECK (label IN (1, -1)),
            source TEXT NOT NULL,
            tags TEXT NOT NULL,
            note TEXT NULL,
            created_at INTEGER NOT NULL,
            CHECK (item_a <> item_b)
        );
        CREATE INDEX ix_pairs_platform_source ON pairs (platform, source);
        CREATE INDEX ix_pairs_source ON pairs (source);
        CREATE TABLE embeddings (
            generator_id TEXT NOT NULL,
            dimension INTEGER NOT NULL,
            text_hash TEXT NOT NULL,
            vector BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (generator_id, dimension, text_hash)
        ) WITHOUT ROWID;
        """;

    [Test]
    public void Migrations_Step1_IsTheReleasedSchemaUnchanged()
    {
        Assert.That(Normalize(SqlitePairStoreSchema.Migrations[0].Sql), Is.EqualTo(Normalize(SchemaVersion1)));
    }

    [Test]
    public async Task Open_Version1File_MigratesToTheNewestVersionAndReadsTheOldPairUnattributed()
    {
        CreateVersion1File();
        using var store = Store();

        var old = await store.GetPairAsync("p_old");

        Assert.That(old, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(old!.Rater, Is.Null);
            Assert.That((old.ItemA.Text, old.ItemB.Text, old.Label, old.Source), Is.EqualTo(("Dev", "Go developer, CLI maintainer", -1, PairSources.UserChoice)));
            Assert.That(old.Tags, Is.EqualTo(new[] { "clarity" }));
            Assert.That(old.Note, Is.EqualTo("kept from v1"));
        });
        SqliteConnection.ClearAllPools();
        Assert.That(Scalar("PRAGMA user_version;"), Is.EqualTo((long)SqlitePairStoreSchema.Migrations.Count));
        Assert.That(Scalar("PRAGMA application_id;"), Is.EqualTo((long)SqlitePairStoreSchema.ApplicationId));
        Assert.That(Scalar("SELECT COUNT(*) FROM pragma_table_info('pairs') WHERE name = 'rater';"), Is.EqualTo(1L));
        Assert.That(Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name = 'ix_pairs_rater';"), Is.EqualTo(1L));
    }

    [Test]
    public async Task Open_Version1File_NewPairsWithRatersAreStoredBesideTheOldOne()
    {
        CreateVersion1File();
        using var store = Store();
        var rater = TestRaterKeys.Expected("alice");

        var inserted = await store.AddPairsAsync(
        [
            new NewPair("github", "bio", "Dev", "Go developer, CLI maintainer", PairSide.A, PairSources.UserChoice) { Id = "p_new", Rater = rater },
            new NewPair("github", "bio", "Dev", "Rust developer", PairSide.B, PairSources.Manual) { Id = "p_unattributed" },
        ]);
        var pairs = new List<StoredPair>();
        await foreach (var pair in store.StreamPairsAsync())
        {
            pairs.Add(pair);
        }

        Assert.That(inserted, Is.EqualTo(2));
        Assert.That(pairs.Select(p => (p.Id, p.Rater)), Is.EqualTo(new[] { ("p_old", (string?)null), ("p_new", rater), ("p_unattributed", null) }));
        Assert.That(await store.CountItemsAsync(), Is.EqualTo(3), "the new pair shares the old items");
    }

    [Test]
    public async Task Open_Version1FileTwice_MigratesOnce()
    {
        CreateVersion1File();
        using (var first = Store())
        {
            await first.AddPairsAsync([new NewPair("github", "bio", "A", "B", PairSide.A, PairSources.Manual) { Id = "p_a", Rater = TestRaterKeys.Expected("alice") }]);
        }

        SqliteConnection.ClearAllPools();
        using var second = Store();

        Assert.That((await second.GetPairAsync("p_a"))!.Rater, Is.EqualTo(TestRaterKeys.Expected("alice")));
        Assert.That((await second.CountPairsAsync()).Total, Is.EqualTo(2));
    }

    [TestCase("alice@example.com")]
    [TestCase("r_0123456789ABCDEF0123456789abcdef")]
    [TestCase("r_0123456789abcdef0123456789abcde")]
    [TestCase("r_0123456789abcdef0123456789abcdef0")]
    [TestCase("r_0123456789abcdef0123456789abcdeg")]
    [TestCase("x_0123456789abcdef0123456789abcdef")]
    [TestCase("r_0123456789abcdef 123456789abcdef")]
    [TestCase("")]
    public async Task CheckConstraint_MalformedRaterWrittenWithRawSql_IsRefused(string rater)
    {
        using (var store = Store())
        {
            await store.AddPairsAsync([new NewPair("github", "bio", "A", "B", PairSide.A, PairSources.Manual) { Id = "p_raw" }]);
        }

        SqliteConnection.ClearAllPools();
        var e = Assert.Throws<SqliteException>(() => Execute("UPDATE pairs SET rater = $rater WHERE id = 'p_raw';", ("$rater", rater)));

        Assert.That(e!.SqliteErrorCode, Is.EqualTo(19), "SQLITE_CONSTRAINT");
        Assert.That(Scalar("SELECT rater FROM pairs WHERE id = 'p_raw';"), Is.EqualTo(DBNull.Value));
    }

    [Test]
    public async Task CheckConstraint_PseudonymWrittenWithRawSql_IsAccepted()
    {
        using (var store = Store())
        {
            await store.AddPairsAsync([new NewPair("github", "bio", "A", "B", PairSide.A, PairSources.Manual) { Id = "p_raw" }]);
        }

        SqliteConnection.ClearAllPools();
        Execute("UPDATE pairs SET rater = $rater WHERE id = 'p_raw';", ("$rater", "r_0123456789abcdef0123456789abcdef"));

        using var reopened = Store();
        Assert.That((await reopened.GetPairAsync("p_raw"))!.Rater, Is.EqualTo("r_0123456789abcdef0123456789abcdef"));
    }

    private void CreateVersion1File()
    {
        Execute(SchemaVersion1 + $"PRAGMA user_version = 1; PRAGMA application_id = {SqlitePairStoreSchema.ApplicationId};");
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeMilliseconds();
        foreach (var text in new[] { "Dev", "Go developer, CLI maintainer" })
        {
            Execute(
                "INSERT INTO items (id, content_hash, platform, section, text, text_hash, metrics, created_at) VALUES ($id, $hash, 'github', 'bio', $text, $text_hash, NULL, $at);",
                ("$id", TestIds.ForItem("github", "bio", text)),
                ("$hash", TestIds.ContentHash("github", "bio", text)),
                ("$text", text),
                ("$text_hash", TestIds.TextHash(text)),
                ("$at", created));
        }

        Execute(
            "INSERT INTO pairs (id, item_a, item_b, platform, section, label, source, tags, note, created_at) VALUES ('p_old', $a, $b, 'github', 'bio', -1, 'user_choice', '[\"clarity\"]', 'kept from v1', $at);",
            ("$a", TestIds.ForItem("github", "bio", "Dev")),
            ("$b", TestIds.ForItem("github", "bio", "Go developer, CLI maintainer")),
            ("$at", created));
        Assert.That(Scalar("PRAGMA user_version;"), Is.EqualTo(1L));
        Assert.That(Scalar("SELECT COUNT(*) FROM pragma_table_info('pairs') WHERE name = 'rater';"), Is.Zero);
    }
}
