using Ancso.Ml.Embeddings;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Testing.Pairs;

/// <summary>
/// What every pair store promises (<see cref="IPairStore"/> and <see cref="IEmbeddingCache"/>), run against each store
/// as the ranker's services build it: content-derived ids, idempotent recording, all-or-nothing batches, filters,
/// stored order and keyset paging, one snapshot per export, concurrent writers, reopening.
/// </summary>
public abstract partial class PairStoreContractTests
{
    private ServiceProvider _services = null!;

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected IPairStore Store { get; private set; } = null!;

    protected IEmbeddingCache Cache { get; private set; } = null!;

    [SetUp]
    public void SetUp()
    {
        Time = TestClock.Create();
        NewStore();
        _services = BuildServices();
        Store = _services.GetRequiredService<IPairStore>();
        Cache = _services.GetRequiredService<IEmbeddingCache>();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        DeleteStore();
    }

    /// <summary>Sets up where a new, empty store lives (a file, a schema) for this test.</summary>
    protected abstract void NewStore();

    /// <summary>Registers the store under test on the ranker's builder.</summary>
    protected abstract void AddStore(IRankerBuilder ranker);

    /// <summary>Removes the store of this test.</summary>
    protected virtual void DeleteStore()
    {
    }

    [Test]
    public async Task AddPairsAsync_NewPair_StoresItemsAndPair()
    {
        var metrics = new ContentMetrics(0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f);
        var pair = new NewPair("linkedin", "headline", "Engineer", "Backend engineer shipping payment APIs in Go", PairSide.B, PairSources.Bootstrap)
        {
            Id = "p_first",
            Tags = ["specificity", " impact ", "café ✓"],
            Note = "from the corpus",
            MetricsB = metrics,
        };

        var inserted = await Store.AddPairsAsync([pair]);
        var stored = await Store.GetPairAsync("p_first");

        Assert.That(inserted, Is.EqualTo(1));
        Assert.That(stored, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(stored!.Label, Is.EqualTo(-1));
            Assert.That(stored.Better, Is.EqualTo(PairSide.B));
            Assert.That(stored.Source, Is.EqualTo("bootstrap"));
            Assert.That(stored.Tags, Is.EqualTo(new[] { "specificity", "impact", "café ✓" }));
            Assert.That(stored.Note, Is.EqualTo("from the corpus"));
            Assert.That(stored.CreatedAt, Is.EqualTo(TestClock.Start));
            Assert.That(stored.Platform, Is.EqualTo("linkedin"));
            Assert.That(stored.Section, Is.EqualTo("headline"));
            Assert.That(stored.ItemA.Id, Is.EqualTo(TestIds.ForItem("linkedin", "headline", "Engineer")));
            Assert.That(stored.ItemA.Text, Is.EqualTo("Engineer"));
            Assert.That(stored.ItemA.TextHash, Is.EqualTo(TestIds.TextHash("Engineer")));
            Assert.That(stored.ItemA.Metrics, Is.Null);
            Assert.That(stored.ItemB.Metrics, Is.EqualTo(metrics));
            Assert.That(stored.ItemB.ContentHash, Is.EqualTo(TestIds.ContentHash("linkedin", "headline", "Backend engineer shipping payment APIs in Go")));
            Assert.That(stored.ItemB.CreatedAt, Is.EqualTo(TestClock.Start));
        });
    }

    [Test]
    public async Task AddPairsAsync_NoTagsNoNote_ReadsBackEmptyAndNull()
    {
        await Store.AddPairsAsync([Pair("Plain A", "Plain B", "p_plain")]);

        var stored = await Store.GetPairAsync("p_plain");

        Assert.That(stored!.Tags, Is.Empty);
        Assert.That(stored.Note, Is.Null);
        Assert.That(await Store.GetPairAsync("p_missing"), Is.Null);
    }

    [Test]
    public async Task AddPairsAsync_SameTextInTwoPairs_SharesOneItem()
    {
        await Store.AddPairsAsync([Pair("Shared headline", "First other"), Pair("Shared headline", "Second other")]);

        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(3));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(2));
    }

    [Test]
    public async Task AddPairsAsync_RetriedWithSameId_StoresOnce()
    {
        var pair = Pair("Old", "New", "p_retry");

        var first = await Store.AddPairsAsync([pair]);
        var second = await Store.AddPairsAsync([pair]);

        Assert.That((first, second), Is.EqualTo((1, 0)));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task AddPairsAsync_WithoutId_DerivesTheSameIdForTheSameJudgement()
    {
        var inserted = await Store.AddPairsAsync([Pair("Old", "New"), Pair("Old", "New")]);
        var again = await Store.AddPairsAsync([Pair("Old", "New")]);
        var pairs = await ToListAsync(Store.StreamPairsAsync());

        Assert.That((inserted, again), Is.EqualTo((1, 0)));
        Assert.That(pairs.Single().Id, Does.Match("^p_[0-9a-f]{24}$"));
    }

    [Test]
    public async Task AddPairsAsync_IdTakenByAnotherPair_ThrowsAndStoresNothingOfTheBatch()
    {
        await Store.AddPairsAsync([Pair("Old", "New", "p_taken")]);

        var e = Assert.ThrowsAsync<PairStoreException>(() => Store.AddPairsAsync([Pair("Brand new A", "Brand new B"), Pair("Something", "Else", "p_taken")]));

        Assert.That(e!.Message, Does.Contain("p_taken").And.Contain("nothing of this call was stored"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(1));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task AddPairsAsync_OneIdForTwoDifferentPairsInOneCall_ThrowsAndStoresNothing()
    {
        var e = Assert.ThrowsAsync<PairStoreException>(() => Store.AddPairsAsync([Pair("One A", "One B", "p_twice"), Pair("Two A", "Two B", "p_twice")]));

        Assert.That(e!.Message, Does.Contain("p_twice"));
        Assert.That((await Store.CountPairsAsync()).Total, Is.Zero);
        Assert.That(await Store.CountItemsAsync(), Is.Zero);
    }

    [Test]
    public async Task AddPairsAsync_EmptyTagInSecondPair_ThrowsNamingItAndStoresNothing()
    {
        var bad = new NewPair("github", "bio", "A", "B", PairSide.A, PairSources.Manual) { Tags = ["clarity", "  "] };

        var e = Assert.ThrowsAsync<ArgumentException>(() => Store.AddPairsAsync([Pair("Fine", "Also fine"), bad]));

        Assert.That(e!.Message, Does.Contain("Pair 1 of the batch").And.Contain("empty tag at position 1"));
        Assert.That(await Store.CountItemsAsync(), Is.Zero);
        Assert.That((await Store.CountPairsAsync()).Total, Is.Zero);
    }

    [TestCase("LinkedIn", "headline", "bootstrap", "platform 'LinkedIn'")]
    [TestCase("linkedin", "", "bootstrap", "section ''")]
    [TestCase("linkedin", "head|line", "bootstrap", "section 'head|line'")]
    [TestCase("linkedin", "headline", "guess", "source 'guess'")]
    public async Task AddPairsAsync_InvalidName_ThrowsNamingIt(string platform, string section, string source, string expected)
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => Store.AddPairsAsync([new NewPair(platform, section, "A", "B", PairSide.A, source)]));

        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(await Store.CountItemsAsync(), Is.Zero);
    }

    [Test]
    public async Task ListItemsAsync_FilterAndPaging_ReturnsMatchingItemsOldestFirst()
    {
        await Store.AddPairsAsync([Pair("L1", "L2"), Pair("L3", "L4")]);
        await Store.AddPairsAsync([new NewPair("github", "bio", "G1", "G2", PairSide.A, PairSources.Bootstrap)]);

        var page = await Store.ListItemsAsync(new ItemQuery { Platform = "linkedin", Skip = 1, Take = 2 });
        var github = await Store.ListItemsAsync(new ItemQuery { Platform = "github", Section = "bio" });

        Assert.That(page.Select(i => i.Text), Is.EqualTo(new[] { "L2", "L3" }));
        Assert.That(github.Select(i => i.Text), Is.EqualTo(new[] { "G1", "G2" }));
        Assert.That(await Store.CountItemsAsync("linkedin", "headline"), Is.EqualTo(4));
        Assert.That(await Store.CountItemsAsync("github"), Is.EqualTo(2));
        Assert.That(await Store.GetItemAsync(github[0].Id), Is.EqualTo(github[0]));
        Assert.That(await Store.GetItemAsync("i_0000000000000000"), Is.Null);
    }

    [Test]
    public async Task CountPairsAsync_Filter_CountsBySourcePlatformAndSection()
    {
        await SeedMixedAsync();

        var all = await Store.CountPairsAsync();
        var github = await Store.CountPairsAsync(new PairFilter { Platform = "github" });

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

        var all = await ToListAsync(Store.StreamPairsAsync());
        var githubBootstrap = await ToListAsync(Store.StreamPairsAsync(new PairFilter { Platform = "github", Source = "bootstrap" }));
        var userChoices = await ToListAsync(Store.StreamPairsAsync(new PairFilter { Source = "user_choice" }));

        Assert.That(all.Select(p => p.ItemA.Text), Is.EqualTo(new[] { "L1", "G1", "L3", "G3" }));
        Assert.That(githubBootstrap.Select(p => p.ItemA.Text), Is.EqualTo(new[] { "G1" }));
        Assert.That(userChoices.Select(p => p.ItemA.Text), Is.EqualTo(new[] { "L3" }));
    }

    [Test]
    public async Task StreamPairsAsync_SeveralPages_ReturnsEveryMatchingPairOnceInOrder()
    {
        await Store.AddPairsAsync([.. Enumerable.Range(0, 1300).Select(i => new NewPair(
            i % 3 == 0 ? "github" : "linkedin", "bio", $"A {i}", $"B {i}", PairSide.A, PairSources.Bootstrap) { Id = $"p_{i:D4}" })]);

        var github = await ToListAsync(Store.StreamPairsAsync(new PairFilter { Platform = "github" }));
        var all = await ToListAsync(Store.StreamPairsAsync());

        Assert.That(github.Select(p => p.Id), Is.EqualTo(Enumerable.Range(0, 1300).Where(i => i % 3 == 0).Select(i => $"p_{i:D4}")));
        Assert.That(all.Select(p => p.Id), Is.EqualTo(Enumerable.Range(0, 1300).Select(i => $"p_{i:D4}")));
    }

    [Test]
    public async Task StreamPairsAsync_WriteDuringStream_SeesOneSnapshot()
    {
        await Store.AddPairsAsync([Pair("A1", "B1"), Pair("A2", "B2")]);

        var seen = new List<string>();
        await foreach (var pair in Store.StreamPairsAsync())
        {
            seen.Add(pair.ItemA.Text);
            if (seen.Count == 1)
            {
                await Store.AddPairsAsync([Pair("A3", "B3")]);
            }
        }

        Assert.That(seen, Is.EqualTo(new[] { "A1", "A2" }));
        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(3));
    }

    [Test]
    public async Task AddPairsAsync_ManyConcurrentCallers_StoresEveryPairOnce()
    {
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await Store.AddPairsAsync([Pair($"shared {i}", $"worker {worker} text {i}", $"p_{worker}_{i}")]);
            }
        }));

        await Task.WhenAll(tasks);

        Assert.That((await Store.CountPairsAsync()).Total, Is.EqualTo(400));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(450));
    }

    [Test]
    public async Task Reopen_StoreWithPairs_KeepsWhatWasStored()
    {
        await Store.AddPairsAsync([Pair("Kept A", "Kept B", "p_kept")]);

        await using var reopened = BuildServices();
        var pair = await reopened.GetRequiredService<IPairStore>().GetPairAsync("p_kept");

        Assert.That(pair?.ItemB.Text, Is.EqualTo("Kept B"));
    }

    [Test]
    public async Task RecordUserChoiceAsync_SameChoiceTwice_StoresTwoEvents()
    {
        var recorder = _services.GetRequiredService<ITrainingSignalRecorder>();
        var choice = new UserChoice("github", "bio", "Builds Go services", "Passionate ninja", PairSide.A);

        await recorder.RecordUserChoiceAsync(choice);
        await recorder.RecordUserChoiceAsync(choice);

        Assert.That((await Store.CountPairsAsync(new PairFilter { Source = PairSources.UserChoice })).Total, Is.EqualTo(2));
        Assert.That(await Store.CountItemsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task GetManyAsync_AfterSetMany_ReturnsStoredVectorsPerGeneratorAndDimension()
    {
        var v1 = new[] { 0.25f, -1.5f, 3e-8f, 1f };
        await Cache.SetManyAsync("test:a", 4, new Dictionary<string, float[]> { ["h1"] = v1, ["h2"] = [1, 2, 3, 4] });
        await Cache.SetManyAsync("test:b", 2, new Dictionary<string, float[]> { ["h1"] = [5, 6] });

        var found = await Cache.GetManyAsync("test:a", 4, ["h1", "h3"]);
        var otherDimension = await Cache.GetManyAsync("test:a", 2, ["h1"]);
        var sets = await Store.ListCachedEmbeddingsAsync();

        Assert.That(found.Keys, Is.EquivalentTo(new[] { "h1" }));
        Assert.That(found["h1"], Is.EqualTo(v1));
        Assert.That(otherDimension, Is.Empty);
        Assert.That(sets, Is.EqualTo(new[] { new CachedEmbeddingSet("test:a", 4, 2), new CachedEmbeddingSet("test:b", 2, 1) }));
    }

    [Test]
    public async Task SetManyAsync_KeyAlreadyStored_KeepsTheFirstVector()
    {
        await Cache.SetManyAsync("test:a", 2, new Dictionary<string, float[]> { ["h"] = [1, 2] });
        await Cache.SetManyAsync("test:a", 2, new Dictionary<string, float[]> { ["h"] = [3, 4] });

        var found = await Cache.GetManyAsync("test:a", 2, ["h"]);

        Assert.That(found["h"], Is.EqualTo(new[] { 1f, 2f }));
    }

    [Test]
    public async Task SetManyAsync_WrongDimension_ThrowsAndStoresNothing()
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => Cache.SetManyAsync("test:a", 3, new Dictionary<string, float[]> { ["good"] = [1, 2, 3], ["bad"] = [1, 2] }));

        Assert.That(e!.Message, Does.Contain("bad").And.Contain("2 values"));
        Assert.That(await Store.ListCachedEmbeddingsAsync(), Is.Empty);
    }

    protected static NewPair Pair(string a, string b, string? id = null) => new("linkedin", "headline", a, b, PairSide.A, PairSources.Bootstrap) { Id = id };

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        AddStore(services.AddRanker(o => o.EmbeddingDimension = 16).AddSignals());
        return services.BuildServiceProvider();
    }

    private async Task SeedMixedAsync()
    {
        await Store.AddPairsAsync(
        [
            Pair("L1", "L2"),
            new NewPair("github", "bio", "G1", "G2", PairSide.B, PairSources.Bootstrap),
            new NewPair("linkedin", "headline", "L3", "L4", PairSide.A, PairSources.UserChoice),
            new NewPair("github", "readme", "G3", "G4", PairSide.A, PairSources.Manual),
        ]);
    }
}
