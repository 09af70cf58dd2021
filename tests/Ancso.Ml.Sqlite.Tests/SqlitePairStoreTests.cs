using Ancso.Ml.Embeddings;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs;
using Ancso.Ml.Pairs.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ancso.Ml.Tests.Pairs.Sqlite;

public class SqlitePairStoreTests
{
    private PairTestDirectory _directory = null!;
    private ManualTimeProvider _time = null!;
    private SqlitePairStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new PairTestDirectory();
        _time = new ManualTimeProvider();
        _store = CreateStore();
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task AddPairsAsync_NewPair_StoresItemsAndPair()
    {
        var metrics = new ContentMetrics(0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f);
        var pair = new NewPair("linkedin", "headline", "Engineer", "Backend engineer shipping payment APIs in Go", PairSide.B, PairSources.Bootstrap)
        {
            Id = "p_first",
            Tags = ["specificity", " impact "],
            Note = "from the corpus",
            MetricsB = metrics,
        };

        var inserted = await _store.AddPairsAsync([pair]);
        var stored = await _store.GetPairAsync("p_first");

        Assert.That(inserted, Is.EqualTo(1));
        Assert.That(stored, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(stored!.Label, Is.EqualTo(-1));
            Assert.That(stored.Better, Is.EqualTo(PairSide.B));
            Assert.That(stored.Source, Is.EqualTo("bootstrap"));
            Assert.That(stored.Tags, Is.EqualTo(new[] { "specificity", "impact" }));
            Assert.That(stored.Note, Is.EqualTo("from the corpus"));
            Assert.That(stored.CreatedAt, Is.EqualTo(ManualTimeProvider.Start));
            Assert.That(stored.Platform, Is.EqualTo("linkedin"));
            Assert.That(stored.Section, Is.EqualTo("headline"));
            Assert.That(stored.ItemA.Id, Is.EqualTo(PairIds.ForItem("linkedin", "headline", "Engineer")));
            Assert.That(stored.ItemA.Text, Is.EqualTo("Engineer"));
            Assert.That(stored.ItemA.TextHash, Is.EqualTo(EmbeddingTextHash.Compute("Engineer")));
            Assert.That(stored.ItemA.Metrics, Is.Null);
            Assert.That(stored.ItemB.Metrics, Is.EqualTo(metrics));
            Assert.That(stored.ItemB.ContentHash, Is.EqualTo(PairIds.ContentHash("linkedin", "headline", "Backend engineer shipping payment APIs in Go")));
        });
    }

    [Test]
    public void ForItem_SameTextOtherSection_GivesOtherIdOfDocumentedShape()
    {
        var headline = PairIds.ForItem("linkedin", "headline", "Data engineer");
        var about = PairIds.ForItem("linkedin", "about", "Data engineer");
        Assert.Multiple(() =>
        {
            Assert.That(headline, Does.Match("^i_[0-9a-f]{16}$"));
            Assert.That(headline, Is.EqualTo("i_" + PairIds.ContentHash("linkedin", "headline", "Data engineer")[..16]));
            Assert.That(about, Is.Not.EqualTo(headline));
        });
    }

    [Test]
    public async Task AddPairsAsync_SameTextInTwoPairs_SharesOneItem()
    {
        await _store.AddPairsAsync(
        [
            Pair("Shared headline", "First other"),
            Pair("Shared headline", "Second other"),
        ]);

        Assert.That(await _store.CountItemsAsync(), Is.EqualTo(3));
        Assert.That((await _store.CountPairsAsync()).Total, Is.EqualTo(2));
    }

    [Test]
    public async Task AddPairsAsync_RetriedWithSameId_StoresOnce()
    {
        var pair = Pair("Old", "New", "p_retry");

        var first = await _store.AddPairsAsync([pair]);
        var second = await _store.AddPairsAsync([pair]);

        Assert.That((first, second), Is.EqualTo((1, 0)));
        Assert.That((await _store.CountPairsAsync()).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task AddPairsAsync_WithoutId_DerivesTheSameIdForTheSameJudgement()
    {
        var inserted = await _store.AddPairsAsync([Pair("Old", "New"), Pair("Old", "New")]);
        var again = await _store.AddPairsAsync([Pair("Old", "New")]);
        var pairs = await ToListAsync(_store.StreamPairsAsync());

        Assert.That((inserted, again), Is.EqualTo((1, 0)));
        Assert.That(pairs.Single().Id, Does.Match("^p_[0-9a-f]{24}$"));
    }

    [Test]
    public async Task AddPairsAsync_IdTakenByAnotherPair_ThrowsAndStoresNothingOfTheBatch()
    {
        await _store.AddPairsAsync([Pair("Old", "New", "p_taken")]);

        var e = Assert.ThrowsAsync<PairStoreException>(() => _store.AddPairsAsync(
        [
            Pair("Brand new A", "Brand new B"),
            Pair("Something", "Else", "p_taken"),
        ]));

        Assert.That(e!.Message, Does.Contain("p_taken").And.Contain("nothing of this call was stored"));
        Assert.That((await _store.CountPairsAsync()).Total, Is.EqualTo(1));
        Assert.That(await _store.CountItemsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task AddPairsAsync_EmptyTagInSecondPair_ThrowsNamingItAndStoresNothing()
    {
        var bad = new NewPair("github", "bio", "A", "B", PairSide.A, PairSources.Manual) { Tags = ["clarity", "  "] };

        var e = Assert.ThrowsAsync<ArgumentException>(() => _store.AddPairsAsync([Pair("Fine", "Also fine"), bad]));

        Assert.That(e!.Message, Does.Contain("Pair 1 of the batch").And.Contain("empty tag at position 1"));
        Assert.That(await _store.CountItemsAsync(), Is.Zero);
        Assert.That((await _store.CountPairsAsync()).Total, Is.Zero);
    }

    [TestCase("LinkedIn", "headline", "bootstrap", "platform 'LinkedIn'")]
    [TestCase("linkedin", "", "bootstrap", "section ''")]
    [TestCase("linkedin", "head|line", "bootstrap", "section 'head|line'")]
    [TestCase("linkedin", "headline", "guess", "source 'guess'")]
    public async Task AddPairsAsync_InvalidName_ThrowsNamingIt(string platform, string section, string source, string expected)
    {
        var pair = new NewPair(platform, section, "A", "B", PairSide.A, source);

        var e = Assert.ThrowsAsync<ArgumentException>(() => _store.AddPairsAsync([pair]));

        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(await _store.CountItemsAsync(), Is.Zero);
    }

    [Test]
    public void AddPairsAsync_IdenticalTexts_ThrowsNamingTheItem()
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => _store.AddPairsAsync([Pair("Same", "Same")]));

        Assert.That(e!.Message, Does.Contain(PairIds.ForItem("linkedin", "headline", "Same")).And.Contain("both sides"));
    }

    [Test]
    public void AddPairsAsync_MetricOutOfRange_ThrowsNamingIt()
    {
        var pair = new NewPair("linkedin", "headline", "A", "B", PairSide.A, PairSources.Bootstrap) { MetricsA = new ContentMetrics(float.NaN, 0, 0, 0, 0, 0) };

        var e = Assert.ThrowsAsync<ArgumentException>(() => _store.AddPairsAsync([pair]));

        Assert.That(e!.Message, Does.Contain("clarity"));
    }

    [Test]
    public async Task ListItemsAsync_FilterAndPaging_ReturnsMatchingItemsOldestFirst()
    {
        await _store.AddPairsAsync([Pair("L1", "L2"), Pair("L3", "L4")]);
        await _store.AddPairsAsync([new NewPair("github", "bio", "G1", "G2", PairSide.A, PairSources.Bootstrap)]);

        var page = await _store.ListItemsAsync(new ItemQuery { Platform = "linkedin", Skip = 1, Take = 2 });
        var github = await _store.ListItemsAsync(new ItemQuery { Platform = "github", Section = "bio" });

        Assert.That(page.Select(i => i.Text), Is.EqualTo(new[] { "L2", "L3" }));
        Assert.That(github.Select(i => i.Text), Is.EqualTo(new[] { "G1", "G2" }));
        Assert.That(await _store.CountItemsAsync("linkedin", "headline"), Is.EqualTo(4));
        Assert.That(await _store.GetItemAsync(github[0].Id), Is.EqualTo(github[0]));
        Assert.That(await _store.GetItemAsync("i_0000000000000000"), Is.Null);
    }

    [Test]
    public async Task CountPairsAsync_Filter_CountsBySourcePlatformAndSection()
    {
        await SeedMixedAsync();

        var all = await _store.CountPairsAsync();
        var github = await _store.CountPairsAsync(new PairFilter { Platform = "github" });

        Assert.Multiple(() =>
        {
            Assert.That(all.Total, Is.EqualTo(4));
            Assert.That(all.BySource, Is.EqualTo(new Dictionary<string, int> { ["bootstrap"] = 2, ["manual"] = 1, ["user_choice"] = 1 }));
            Assert.That(all.ByPlatform, Is.EqualTo(new Dictionary<string, int> { ["github"] = 2, ["linkedin"] = 2 }));
            Assert.That(all.BySection, Is.EqualTo(new Dictionary<string, int> { ["bio"] = 1, ["headline"] = 2, ["readme"] = 1 }));
            Assert.That(all.BySource.Keys, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(github.Total, Is.EqualTo(2));
            Assert.That(github.BySource, Is.EqualTo(new Dictionary<string, int> { ["bootstrap"] = 1, ["manual"] = 1 }));
        });
    }

    [Test]
    public async Task StreamPairsAsync_Filters_ReturnsMatchingPairsInStoredOrder()
    {
        await SeedMixedAsync();

        var all = await ToListAsync(_store.StreamPairsAsync());
        var githubBootstrap = await ToListAsync(_store.StreamPairsAsync(new PairFilter { Platform = "github", Source = "bootstrap" }));
        var userChoices = await ToListAsync(_store.StreamPairsAsync(new PairFilter { Source = "user_choice" }));

        Assert.That(all.Select(p => p.ItemA.Text), Is.EqualTo(new[] { "L1", "G1", "L3", "G3" }));
        Assert.That(githubBootstrap.Select(p => p.ItemA.Text), Is.EqualTo(new[] { "G1" }));
        Assert.That(userChoices.Select(p => p.ItemA.Text), Is.EqualTo(new[] { "L3" }));
    }

    [Test]
    public async Task StreamPairsAsync_SeveralPages_ReturnsEveryMatchingPairOnceInOrder()
    {
        await _store.AddPairsAsync([.. Enumerable.Range(0, 1300).Select(i => new NewPair(
            i % 3 == 0 ? "github" : "linkedin", "bio", $"A {i}", $"B {i}", PairSide.A, PairSources.Bootstrap) { Id = $"p_{i:D4}" })]);

        var github = await ToListAsync(_store.StreamPairsAsync(new PairFilter { Platform = "github" }));
        var all = await ToListAsync(_store.StreamPairsAsync());

        Assert.That(github.Select(p => p.Id), Is.EqualTo(Enumerable.Range(0, 1300).Where(i => i % 3 == 0).Select(i => $"p_{i:D4}")));
        Assert.That(all.Select(p => p.Id), Is.EqualTo(Enumerable.Range(0, 1300).Select(i => $"p_{i:D4}")));
    }

    [Test]
    public async Task StreamPairsAsync_WriteDuringStream_SeesOneSnapshot()
    {
        await _store.AddPairsAsync([Pair("A1", "B1"), Pair("A2", "B2")]);

        var seen = new List<string>();
        await foreach (var pair in _store.StreamPairsAsync())
        {
            seen.Add(pair.ItemA.Text);
            if (seen.Count == 1)
            {
                await _store.AddPairsAsync([Pair("A3", "B3")]);
            }
        }

        Assert.That(seen, Is.EqualTo(new[] { "A1", "A2" }));
        Assert.That((await _store.CountPairsAsync()).Total, Is.EqualTo(3));
    }

    [Test]
    public async Task AddPairsAsync_ManyConcurrentCallers_StoresEveryPairOnce()
    {
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await _store.AddPairsAsync([Pair($"shared {i}", $"worker {worker} text {i}", $"p_{worker}_{i}")]);
            }
        }));

        await Task.WhenAll(tasks);

        Assert.That((await _store.CountPairsAsync()).Total, Is.EqualTo(400));
        Assert.That(await _store.CountItemsAsync(), Is.EqualTo(450));
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
        new(new PairStoreOptions { DatabasePath = path ?? _directory.File("pairs.db") }, _time);

    private static NewPair Pair(string a, string b, string? id = null) => new("linkedin", "headline", a, b, PairSide.A, PairSources.Bootstrap) { Id = id };

    private async Task SeedMixedAsync()
    {
        await _store.AddPairsAsync(
        [
            Pair("L1", "L2"),
            new NewPair("github", "bio", "G1", "G2", PairSide.B, PairSources.Bootstrap),
            new NewPair("linkedin", "headline", "L3", "L4", PairSide.A, PairSources.UserChoice),
            new NewPair("github", "readme", "G3", "G4", PairSide.A, PairSources.Manual),
        ]);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
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
