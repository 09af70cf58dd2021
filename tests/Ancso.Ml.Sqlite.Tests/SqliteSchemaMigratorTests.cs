using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Sqlite.Tests;

public class SqliteSchemaMigratorTests
{
    private static readonly SqliteMigration AddReviewer = new(4, "a reviewer column on pairs", "ALTER TABLE pairs ADD COLUMN reviewer TEXT NULL;");

    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task Open_SchemaNewerThanLibrary_ThrowsNamingVersionsAndLeavesFileAlone()
    {
        var path = _directory.File("future.db");
        Execute(path, "CREATE TABLE things (x); PRAGMA user_version = 7;");
        var before = await File.ReadAllBytesAsync(path);
        using var store = Store(path);

        var e = Assert.ThrowsAsync<PairStoreException>(() => store.CountItemsAsync());

        Assert.That(e!.Message, Does.Contain(path).And.Contain("schema version 7").And.Contain("newer than the 3"));
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(before));
    }

    [Test]
    public void Open_SqliteFileOfAnotherApplication_ThrowsNotAPairStore()
    {
        var path = _directory.File("other.db");
        Execute(path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY);");
        using var store = Store(path);

        var e = Assert.ThrowsAsync<PairStoreException>(() => store.CountItemsAsync());

        Assert.That(e!.Message, Does.Contain("not a pair store"));
        Assert.That(ReadInt(path, "PRAGMA user_version;"), Is.Zero);
    }

    [Test]
    public async Task Open_OlderSchema_AppliesNewStepsAndKeepsData()
    {
        var path = _directory.File("pairs.db");
        using (var v1 = Store(path))
        {
            await v1.AddPairsAsync([new NewPair("github", "bio", "Before", "After", PairSide.B, PairSources.BeforeAfter) { Id = "p_kept" }]);
        }

        SqliteConnection.ClearAllPools();
        using var v2 = Store(path, [.. SqlitePairStoreSchema.Migrations, AddReviewer]);
        var pair = await v2.GetPairAsync("p_kept");

        Assert.That(pair?.ItemB.Text, Is.EqualTo("After"));
        Assert.That(ReadInt(path, "PRAGMA user_version;"), Is.EqualTo(4));
        Assert.That(ReadInt(path, "SELECT COUNT(*) FROM pragma_table_info('pairs') WHERE name = 'reviewer';"), Is.EqualTo(1));
    }

    [Test]
    public async Task Open_FileMigratedByNewerLibrary_RefusesWithoutChangingIt()
    {
        var path = _directory.File("pairs.db");
        using (var newer = Store(path, [.. SqlitePairStoreSchema.Migrations, AddReviewer]))
        {
            await newer.CountItemsAsync();
        }

        SqliteConnection.ClearAllPools();
        using var current = Store(path);

        var e = Assert.ThrowsAsync<PairStoreException>(() => current.CountItemsAsync());

        Assert.That(e!.Message, Does.Contain("schema version 4"));
    }

    [Test]
    public async Task Open_StepFails_RollsBackTheWholeMigration()
    {
        var path = _directory.File("pairs.db");
        using (var v1 = Store(path))
        {
            await v1.CountItemsAsync();
        }

        SqliteConnection.ClearAllPools();
        var broken = new SqliteMigration(4, "broken", "ALTER TABLE pairs ADD COLUMN reviewer TEXT NULL; INSERT INTO missing_table VALUES (1);");
        using var store = Store(path, [.. SqlitePairStoreSchema.Migrations, broken]);

        var e = Assert.ThrowsAsync<PairStoreException>(() => store.CountItemsAsync());

        Assert.That(e!.Message, Does.Contain("schema 4 (broken)").And.Contain("left at schema 3"));
        SqliteConnection.ClearAllPools();
        Assert.That(ReadInt(path, "PRAGMA user_version;"), Is.EqualTo(3));
        Assert.That(ReadInt(path, "SELECT COUNT(*) FROM pragma_table_info('pairs') WHERE name = 'reviewer';"), Is.Zero);
    }

    private static SqlitePairStore Store(string path, IReadOnlyList<SqliteMigration>? migrations = null) =>
        new(new SqlitePairStoreOptions { DatabasePath = path }, TimeProvider.System, migrations: migrations);

    private static void Execute(string path, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private static int ReadInt(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
