using Ancso.Ml.Embeddings;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Sqlite.Tests;

public class SqlitePairStoreTests
{
    private PairTestDirectory _directory = null!;
    private FakeTimeProvider _time = null!;
    private SqlitePairStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new PairTestDirectory();
        _time = TestClock.Create();
        _store = CreateStore();
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public void ForItem_SameTextOtherSection_GivesOtherIdOfDocumentedShape()
    {
        var headline = TestIds.ForItem("linkedin", "headline", "Data engineer");
        var about = TestIds.ForItem("linkedin", "about", "Data engineer");
        Assert.Multiple(() =>
        {
            Assert.That(headline, Does.Match("^i_[0-9a-f]{16}$"));
            Assert.That(headline, Is.EqualTo("i_" + TestIds.ContentHash("linkedin", "headline", "Data engineer")[..16]));
            Assert.That(about, Is.Not.EqualTo(headline));
        });
    }

    [Test]
    public void AddPairsAsync_IdenticalTexts_ThrowsNamingTheItem()
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => _store.AddPairsAsync([Pair("Same", "Same")]));

        Assert.That(e!.Message, Does.Contain(TestIds.ForItem("linkedin", "headline", "Same")).And.Contain("both sides"));
    }

    [Test]
    public void AddPairsAsync_MetricOutOfRange_ThrowsNamingIt()
    {
        var pair = new NewPair("linkedin", "headline", "A", "B", PairSide.A, PairSources.Bootstrap) { MetricsA = new ContentMetrics(float.NaN, 0, 0, 0, 0, 0) };

        var e = Assert.ThrowsAsync<ArgumentException>(() => _store.AddPairsAsync([pair]));

        Assert.That(e!.Message, Does.Contain("clarity"));
    }

    [Test]
    public async Task Open_NewFile_CreatesFolderInWalModeAtCurrentSchema()
    {
        using var store = CreateStore(_directory.File(Path.Combine("nested", "deeper", "pairs.db")));
        await store.CountItemsAsync();

        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        Assert.That(Scalar(connection, "PRAGMA journal_mode;"), Is.EqualTo("wal"));
        Assert.That(Scalar(connection, "PRAGMA user_version;"), Is.EqualTo(3L));
        Assert.That(Scalar(connection, "PRAGMA application_id;"), Is.EqualTo((long)SqlitePairStoreSchema.ApplicationId));
    }

    [Test]
    public async Task Open_ExistingFile_KeepsWhatWasStored()
    {
        await _store.AddPairsAsync([Pair("Kept A", "Kept B", "p_kept")]);
        _store.Dispose();

        using var reopened = CreateStore();
        var pair = await reopened.GetPairAsync("p_kept");

        Assert.That(pair?.ItemB.Text, Is.EqualTo("Kept B"));
        _store = CreateStore();
    }

    [Test]
    public async Task Open_FileIsNotSqlite_ThrowsNamingItAndLeavesItAlone()
    {
        var path = _directory.File("notes.db");
        var bytes = "These are notes, not a database. They are long enough to fill a header or two."u8.ToArray();
        await File.WriteAllBytesAsync(path, bytes);
        using var store = CreateStore(path);

        var e = Assert.ThrowsAsync<PairStoreException>(() => store.CountItemsAsync());

        Assert.That(e!.Message, Does.Contain(path).And.Contain("not a SQLite database"));
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(bytes));
    }

    [Test]
    public void Open_PathIsAFolder_ThrowsNamingIt()
    {
        var path = _directory.File("a-folder.db");
        Directory.CreateDirectory(path);
        using var store = CreateStore(path);

        var e = Assert.ThrowsAsync<PairStoreException>(() => store.CountItemsAsync());

        Assert.That(e!.Message, Does.Contain(path).And.Contain("cannot be opened"));
        Assert.That(Directory.Exists(path), Is.True);
    }

    private SqlitePairStore CreateStore(string? path = null) =>
        new(new SqlitePairStoreOptions { DatabasePath = path ?? _directory.File("pairs.db") }, _time);

    private static NewPair Pair(string a, string b, string? id = null) => new("linkedin", "headline", a, b, PairSide.A, PairSources.Bootstrap) { Id = id };

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
