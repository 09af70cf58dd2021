using Ancso.Ml.Pairs;
using Ancso.Ml.Pairs.Sqlite;

namespace Ancso.Ml.Tests.Pairs.Sqlite;

/// <summary>The pair store as <see cref="Ancso.Ml.Embeddings.IEmbeddingCache"/>.</summary>
public class SqlitePairStoreEmbeddingCacheTests
{
    private PairTestDirectory _directory = null!;
    private SqlitePairStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new PairTestDirectory();
        _store = new SqlitePairStore(new PairStoreOptions { DatabasePath = _directory.File("pairs.db") }, new ManualTimeProvider());
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task GetManyAsync_AfterSetMany_ReturnsStoredVectorsPerGeneratorAndDimension()
    {
        var v1 = new[] { 0.25f, -1.5f, 3e-8f, 1f };
        await _store.SetManyAsync("test:a", 4, new Dictionary<string, float[]> { ["h1"] = v1, ["h2"] = [1, 2, 3, 4] });
        await _store.SetManyAsync("test:b", 2, new Dictionary<string, float[]> { ["h1"] = [5, 6] });

        var found = await _store.GetManyAsync("test:a", 4, ["h1", "h3"]);
        var otherDimension = await _store.GetManyAsync("test:a", 2, ["h1"]);
        var sets = await _store.ListCachedEmbeddingsAsync();

        Assert.That(found.Keys, Is.EquivalentTo(new[] { "h1" }));
        Assert.That(found["h1"], Is.EqualTo(v1));
        Assert.That(otherDimension, Is.Empty);
        Assert.That(sets, Is.EqualTo(new[] { new CachedEmbeddingSet("test:a", 4, 2), new CachedEmbeddingSet("test:b", 2, 1) }));
    }

    [Test]
    public async Task SetManyAsync_KeyAlreadyStored_KeepsTheFirstVector()
    {
        await _store.SetManyAsync("test:a", 2, new Dictionary<string, float[]> { ["h"] = [1, 2] });
        await _store.SetManyAsync("test:a", 2, new Dictionary<string, float[]> { ["h"] = [3, 4] });

        var found = await _store.GetManyAsync("test:a", 2, ["h"]);

        Assert.That(found["h"], Is.EqualTo(new[] { 1f, 2f }));
    }

    [Test]
    public async Task SetManyAsync_WrongDimension_ThrowsAndStoresNothing()
    {
        var e = Assert.ThrowsAsync<ArgumentException>(() => _store.SetManyAsync(
            "test:a", 3, new Dictionary<string, float[]> { ["good"] = [1, 2, 3], ["bad"] = [1, 2] }));

        Assert.That(e!.Message, Does.Contain("bad").And.Contain("2 values"));
        Assert.That(await _store.ListCachedEmbeddingsAsync(), Is.Empty);
    }
}
