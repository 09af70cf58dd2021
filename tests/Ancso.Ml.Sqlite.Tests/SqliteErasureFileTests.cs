using System.Text;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Sqlite.Tests;

/// <summary>
/// An erasure's bytes leave the SQLite files: after erasing one rater, none of their texts (short ones, and long ones
/// spread over overflow pages), item ids, content and text hashes, pair ids, pseudonym or cached vectors is anywhere in
/// <c>pairs.db</c>, <c>pairs.db-wal</c> or <c>pairs.db-shm</c>, while another rater's texts still are (so the scan finds
/// what is there). The store is filled so that its b-trees split and rebalance around the erased rows first.
/// </summary>
public class SqliteErasureFileTests
{
    private const string RaterX = "r_5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";
    private const string RaterY = "r_0123456789abcdef0123456789abcdef";
    private const string Generator = "test:marker";
    private const int Dimension = 16;

    // float32 0x58454D42 is the bytes "BMEX" little-endian: a vector of it is a run of text the scan can find.
    private static readonly float XVectorValue = BitConverter.Int32BitsToSingle(0x58454D42);
    private static readonly float YVectorValue = BitConverter.Int32BitsToSingle(0x59454D42);

    private PairTestDirectory _directory = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new PairTestDirectory();
        _path = _directory.File("pairs.db");
    }

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task ErasePairsAsync_Rater_NoneOfTheirBytesRemainInTheFilesAndOthersDo()
    {
        using var store = Store();
        var (x, y) = await SeedAsync(store);

        var counts = await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX });

        Assert.That(counts.Pairs, Is.EqualTo(x.Pairs.Count));
        AssertErasedFromFiles(x, y);
    }

    [Test]
    public async Task ErasePairsAsync_RebuildOfAnEarlierErasurePending_NoOpErasureFinishesIt()
    {
        using var store = Store();
        var (x, y) = await SeedAsync(store);

        // As an erasure whose rebuild could not run leaves the store: the rows deleted and logged, the file not rebuilt.
        using (var connection = Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO erased_pairs (generation, seq, platform, section, source, erased_at) SELECT 1, seq, platform, section, source, 0 FROM pairs WHERE rater = '{RaterX}';
                CREATE TEMP TABLE gone AS SELECT item_a AS id FROM pairs WHERE rater = '{RaterX}' UNION SELECT item_b FROM pairs WHERE rater = '{RaterX}';
                DELETE FROM pairs WHERE rater = '{RaterX}';
                DELETE FROM embeddings WHERE text_hash IN (SELECT text_hash FROM items WHERE id IN (SELECT id FROM temp.gone));
                DELETE FROM items WHERE id IN (SELECT id FROM temp.gone);
                PRAGMA wal_checkpoint(TRUNCATE);
                """;
            command.ExecuteNonQuery();
        }

        Assert.That(FileBytes().Any(f => Contains(f.Bytes, "XSECRET")), Is.True, "a plain delete leaves the bytes");

        var counts = await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX });

        Assert.That(counts.IsEmpty, Is.True);
        AssertErasedFromFiles(x, y);
    }

    [Test]
    public async Task ErasePairsAsync_AnotherStoreInstanceHoldsConnectionsOpen_NoneOfTheirBytesRemain()
    {
        using var store = Store();
        using var other = Store();
        var (x, y) = await SeedAsync(store);
        await ToListAsync(other.StreamPairsAsync());
        using var idle = Open();

        await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX });

        AssertErasedFromFiles(x, y);
    }

    [Test]
    public async Task ErasePairsAsync_ReaderHoldsASnapshotUntilTheErasureCommitted_CheckpointWaitsAndNoneOfTheirBytesRemain()
    {
        using var store = Store();
        var (x, y) = await SeedAsync(store);
        using var reader = Open();
        using var snapshot = reader.BeginTransaction(deferred: true);
        Assert.That(Scalar(reader, snapshot, "SELECT COUNT(*) FROM pairs;"), Is.GreaterThan(0L), "the reader's snapshot is taken");

        // SQLite calls are synchronous underneath, so the erasure runs on a thread of its own while this one watches it.
        var erasure = Task.Run(() => store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX }));
        await WaitUntilAsync(() => CountPairsOf(RaterX) == 0, erasure);
        snapshot.Rollback();
        await erasure;

        AssertErasedFromFiles(x, y);
    }

    [Test]
    public async Task ErasePairsAsync_ReaderHoldsASnapshotPastTheBusyTimeout_WarnsAndTheNextErasureFinishesTheWipe()
    {
        var log = new LogCapture();
        using var store = Store(TimeSpan.FromMilliseconds(300), log);
        var (x, y) = await SeedAsync(store);
        using (var reader = Open())
        {
            using var snapshot = reader.BeginTransaction(deferred: true);
            Scalar(reader, snapshot, "SELECT COUNT(*) FROM pairs;");

            var counts = await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX });

            Assert.That(counts.Pairs, Is.EqualTo(x.Pairs.Count));
            Assert.That(log.Count(3407), Is.EqualTo(1), "the incomplete wipe is logged");
            Assert.That(FileBytes().Any(f => Contains(f.Bytes, "XSECRET")), Is.True, "the file still holds the erased bytes while the reader keeps the checkpoint from completing");
        }

        var again = await store.ErasePairsAsync(new PairErasureQuery { Rater = RaterX });

        Assert.That(again.IsEmpty, Is.True);
        AssertErasedFromFiles(x, y);
    }

    private SqlitePairStore Store(TimeSpan? busyTimeout = null, LogCapture? log = null) =>
        new(new SqlitePairStoreOptions { DatabasePath = _path, BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(30) }, TimeProvider.System, log);

    /// <summary>
    /// Rater X's pairs interleaved with rater Y's, then twelve batches more (one pair in seven X's), so the tables and
    /// indexes split and rebalance after X's rows were written: with this many, secure delete alone leaves copies of X's
    /// rows in pages the erasure never touches, which only the rebuild removes. Every pair is read back once (so its
    /// pages are cached) and every text has a cached vector.
    /// </summary>
    private static async Task<(Markers X, Markers Y)> SeedAsync(SqlitePairStore store)
    {
        var x = new Markers();
        var y = new Markers();
        var batch = new List<NewPair>();
        for (var i = 0; i < 40; i++)
        {
            batch.Add(x.Pair(i, RaterX, "XSECRET", longText: i % 4 == 0));
            batch.Add(y.Pair(i, RaterY, "YKEEP", longText: i % 4 == 0));
        }

        await store.AddPairsAsync(batch);
        for (var round = 0; round < 12; round++)
        {
            await store.AddPairsAsync([.. Enumerable.Range(100 + (round * 100), 100).Select(i =>
                i % 7 == 0 ? x.Pair(i, RaterX, "XSECRET", longText: i % 3 == 0) : y.Pair(i, RaterY, "YKEEP", longText: i % 10 == 0))]);
        }

        await store.SetManyAsync(Generator, Dimension, x.Texts.ToDictionary(TestIds.TextHash, _ => Enumerable.Repeat(XVectorValue, Dimension).ToArray()));
        await store.SetManyAsync(Generator, Dimension, y.Texts.ToDictionary(TestIds.TextHash, _ => Enumerable.Repeat(YVectorValue, Dimension).ToArray()));
        foreach (var id in x.Pairs)
        {
            Assert.That(await store.GetPairAsync(id), Is.Not.Null);
        }

        Assert.That(await ToListAsync(store.StreamPairsAsync()), Has.Count.EqualTo(x.Pairs.Count + y.Pairs.Count));
        return (x, y);
    }

    private void AssertErasedFromFiles(Markers x, Markers y)
    {
        var files = FileBytes();
        var all = files.Select(f => f.Name).ToList();
        Assert.Multiple(() =>
        {
            foreach (var (name, bytes) in files)
            {
                Assert.That(Contains(bytes, "XSECRET"), Is.False, $"{name} holds a text of the erased rater");
                Assert.That(Contains(bytes, RaterX), Is.False, $"{name} holds the erased rater's pseudonym");
                Assert.That(Contains(bytes, "BMEXBMEXBMEXBMEX"), Is.False, $"{name} holds a cached vector of an erased text");
                foreach (var marker in x.Identifiers)
                {
                    Assert.That(Contains(bytes, marker), Is.False, $"{name} holds {marker} of the erased rater");
                }
            }

            Assert.That(files.Any(f => Contains(f.Bytes, "YKEEP")), Is.True, $"the other rater's texts are found in {string.Join(", ", all)}");
            Assert.That(files.Any(f => Contains(f.Bytes, y.Identifiers[0])), Is.True, "the other rater's item ids are found");
        });
    }

    private List<(string Name, byte[] Bytes)> FileBytes()
    {
        var files = new List<(string, byte[])>();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            var path = _path + suffix;
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((Path.GetFileName(path), copy.ToArray()));
        }

        Assert.That(files.Select(f => f.Item1), Does.Contain("pairs.db"));
        return files;
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    private long CountPairsOf(string rater)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pairs WHERE rater = $rater;";
        command.Parameters.AddWithValue("$rater", rater);
        return (long)command.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing if <paramref name="task"/> ends first.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, Task task)
    {
        for (var i = 0; i < 6000 && !condition(); i++)
        {
            Assert.That(task.IsCompleted, Is.False, "the erasure ended while the reader held its snapshot");
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True);
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

    /// <summary>The texts and identifiers of one rater's pairs.</summary>
    private sealed class Markers
    {
        public List<string> Texts { get; } = [];

        public List<string> Pairs { get; } = [];

        /// <summary>Gets item ids, content hashes, text hashes and pair ids.</summary>
        public List<string> Identifiers { get; } = [];

        public NewPair Pair(int n, string rater, string marker, bool longText)
        {
            var a = Text(n, "a", marker, longText);
            var b = Text(n, "b", marker, longText: false);
            var id = $"p_{marker}_{n:D4}";
            var pair = new NewPair("linkedin", "about", a, b, PairSide.A, PairSources.UserChoice) { Id = id, Rater = rater, Note = $"{marker} note {n}" };
            Pairs.Add(id);
            foreach (var text in new[] { a, b })
            {
                Texts.Add(text);
                Identifiers.Add(TestIds.ForItem("linkedin", "about", text));
                Identifiers.Add(TestIds.ContentHash("linkedin", "about", text));
                Identifiers.Add(TestIds.TextHash(text));
            }

            Identifiers.Add(id);
            return pair;
        }

        private static string Text(int n, string side, string marker, bool longText) =>
            longText
                ? string.Join(' ', Enumerable.Range(0, 900).Select(k => $"{marker}{n:D4}{side}{k:D4}"))
                : $"{marker}{n:D4}{side} builds payment services in Go and mentors the team";
    }
}
