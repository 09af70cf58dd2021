using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.Pipeline;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Sqlite;
using Ancso.Ml.Tests.Pairs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ancso.Ml.Tests.Embeddings.Pipeline;

/// <summary>The memory + store cache with single flight, over a real SQLite store.</summary>
public class CachingEmbeddingGeneratorTests
{
    private const int Dimension = 4;
    private PairTestDirectory _directory = null!;
    private SqlitePairStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new PairTestDirectory();
        _store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = _directory.File("pairs.db") }, TimeProvider.System);
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task GenerateAsync_TextsSeenByAnotherInstance_AnsweredFromTheStoreWithoutTheProvider()
    {
        var first = new StubEmbeddingGenerator(Dimension);
        var expected = await Create(first).GenerateAsync(["alpha", "beta"]);
        var second = new StubEmbeddingGenerator(Dimension);

        var again = await Create(second).GenerateAsync(["beta", "alpha", "beta"]);

        Assert.That(second.Calls, Is.Empty);
        Assert.That(again[0].Vector.ToArray(), Is.EqualTo(expected[1].Vector.ToArray()));
        Assert.That(again[1].Vector.ToArray(), Is.EqualTo(expected[0].Vector.ToArray()));
        Assert.That(again[2].Vector.ToArray(), Is.EqualTo(expected[1].Vector.ToArray()));
    }

    [Test]
    public async Task GenerateAsync_TextInMemory_CompletesSynchronouslyWithoutTheProvider()
    {
        var provider = new StubEmbeddingGenerator(Dimension);
        var generator = Create(provider);
        await generator.GenerateAsync(["alpha"]);

        var pending = generator.GenerateAsync(["alpha"]);

        Assert.That(pending.IsCompletedSuccessfully, Is.True);
        Assert.That(provider.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GenerateAsync_StoredRowHoldsNaN_GeneratesAgainInsteadOfTrustingIt()
    {
        var hash = EmbeddingTextHash.Compute("alpha");
        await _store.SetManyAsync(StubEmbeddingGenerator.Id, Dimension, new Dictionary<string, float[]> { [hash] = [1, 2, 3, 4] });
        await using (var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE embeddings SET vector = $vector;";
            command.Parameters.AddWithValue("$vector", System.Runtime.InteropServices.MemoryMarshal.AsBytes(new float[] { float.NaN, 0, 0, 0 }.AsSpan()).ToArray());
            await command.ExecuteNonQueryAsync();
        }

        var provider = new StubEmbeddingGenerator(Dimension);
        var result = await Create(provider).GenerateAsync(["alpha"]);

        Assert.That(provider.Calls, Has.Count.EqualTo(1));
        Assert.That(result[0].Vector.ToArray(), Is.All.Matches<float>(float.IsFinite));
    }

    [Test]
    public async Task GenerateAsync_StoreFails_GeneratesAndAnswers()
    {
        var provider = new StubEmbeddingGenerator(Dimension);
        using var generator = new CachingEmbeddingGenerator(provider, StubEmbeddingGenerator.Id, Dimension, 16, new FailingCache(), NullLogger.Instance);

        var result = await generator.GenerateAsync(["alpha", "beta"]);

        Assert.That(result, Has.Count.EqualTo(2));
        Assert.That(provider.Calls.Single(), Is.EqualTo(new[] { "alpha", "beta" }));
    }

    [Test]
    public async Task GenerateAsync_ProviderSendsNaN_ThrowsAndStoresNothing()
    {
        var provider = new StubEmbeddingGenerator(Dimension, _ => Task.FromResult<GeneratedEmbeddings<Embedding<float>>>([new Embedding<float>(new[] { 1f, float.NaN, 0, 0 })]));

        var e = Assert.ThrowsAsync<EmbeddingServiceException>(() => Create(provider).GenerateAsync(["alpha"]));

        Assert.That(e!.Kind, Is.EqualTo(EmbeddingServiceErrorKind.InvalidResponse));
        Assert.That(await _store.ListCachedEmbeddingsAsync(), Is.Empty);
    }

    [Test]
    public async Task GenerateAsync_ProviderFailsOnce_NextCallTriesAgain()
    {
        var calls = 0;
        var provider = new StubEmbeddingGenerator(Dimension, texts => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<GeneratedEmbeddings<Embedding<float>>>(new EmbeddingServiceException("down", EmbeddingServiceErrorKind.ServerError))
            : Task.FromResult(StubEmbeddingGenerator.Vectors(texts, Dimension)));
        var generator = Create(provider);

        Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["alpha"]));
        var result = await generator.GenerateAsync(["alpha"]);

        Assert.That(result, Has.Count.EqualTo(1));
        Assert.That(provider.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task GenerateAsync_CallerCancelsWhileOthersWait_TheSharedFetchCompletesForThem()
    {
        var release = new TaskCompletionSource();
        var provider = new StubEmbeddingGenerator(Dimension, async texts =>
        {
            await release.Task;
            return StubEmbeddingGenerator.Vectors(texts, Dimension);
        });
        var generator = Create(provider);
        using var cancel = new CancellationTokenSource();

        var leaving = generator.GenerateAsync(["alpha"], cancellationToken: cancel.Token);
        var staying = generator.GenerateAsync(["alpha"]);
        await cancel.CancelAsync();
        release.SetResult();

        Assert.That(async () => await leaving, Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await staying)[0].Vector.Length, Is.EqualTo(Dimension));
        Assert.That(provider.Calls, Has.Count.EqualTo(1));
    }

    private CachingEmbeddingGenerator Create(StubEmbeddingGenerator provider) =>
        new(provider, StubEmbeddingGenerator.Id, Dimension, memoryCapacity: 16, _store, NullLogger.Instance);

    private sealed class FailingCache : IEmbeddingCache
    {
        public Task<IReadOnlyDictionary<string, float[]>> GetManyAsync(string generatorId, int dimension, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default) =>
            throw new PairStoreException("The database is locked.");

        public Task SetManyAsync(string generatorId, int dimension, IReadOnlyDictionary<string, float[]> vectors, CancellationToken cancellationToken = default) =>
            throw new PairStoreException("The disk is full.");
    }
}
