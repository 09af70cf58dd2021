using System.Collections.Concurrent;

namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Answers from a bounded in-memory LRU, then from a persistent <see cref="IEmbeddingCache"/> (the pair store), and
/// asks the inner generator only for texts in neither, storing what it returns. Keys are the generator's id, its
/// dimension and <see cref="EmbeddingTextHash"/>. Concurrent requests for one text share one fetch (single flight); the
/// shared fetch is not cancelled by one caller giving up, and a failed fetch is not remembered, so the next request
/// tries again. A call answered wholly from memory completes synchronously. Cached vectors are checked (length,
/// finite values) before use; a failing cache is logged and bypassed, never fatal.
/// </summary>
internal sealed class CachingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _generatorId;
    private readonly int _dimension;
    private readonly EmbeddingMemoryCache _memory;
    private readonly IEmbeddingCache? _store;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Task<float[]>> _inFlight = new(StringComparer.Ordinal);

    public CachingEmbeddingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> innerGenerator, string generatorId, int dimension, int memoryCapacity, IEmbeddingCache? store, ILogger logger)
        : base(innerGenerator)
    {
        _generatorId = generatorId;
        _dimension = dimension;
        _memory = new EmbeddingMemoryCache(memoryCapacity);
        _store = store;
        _logger = logger;
    }

    /// <summary>Gets the number of vectors held in memory.</summary>
    public int MemoryCount => _memory.Count;

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options is not null && (options.ModelId is not null || options.Dimensions is not null))
        {
            // Another model or dimension than the one the keys name: never served from, nor stored in, this cache.
            return base.GenerateAsync(values, options, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var texts = values as IReadOnlyList<string> ?? [.. values];
        var vectors = new float[]?[texts.Count];
        var hashes = new string[texts.Count];
        var missing = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            hashes[i] = EmbeddingTextHash.Compute(texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(values)));
            if (_memory.TryGet(hashes[i], out var vector))
            {
                vectors[i] = vector;
            }
            else
            {
                missing++;
            }
        }

        if (missing == 0)
        {
            EmbeddingCacheTally.Current?.AddFromCache(texts.Count);
            return Task.FromResult(Wrap(vectors));
        }

        return FillAsync(texts, hashes, vectors, texts.Count - missing, cancellationToken);
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> FillAsync(
        IReadOnlyList<string> texts, string[] hashes, float[]?[] vectors, int memoryHits, CancellationToken cancellationToken)
    {
        var waits = new List<(int Index, Task<float[]> Vector)>();
        Dictionary<string, (string Text, TaskCompletionSource<float[]> Done)>? owned = null;
        var joined = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            if (vectors[i] is not null)
            {
                continue;
            }

            var mine = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var shared = _inFlight.GetOrAdd(hashes[i], mine.Task);
            if (ReferenceEquals(shared, mine.Task))
            {
                (owned ??= new(StringComparer.Ordinal))[hashes[i]] = (texts[i], mine);
            }
            else if (owned is null || !owned.ContainsKey(hashes[i]))
            {
                joined++;
            }

            waits.Add((i, shared));
        }

        if (owned is not null)
        {
            // Detached from this caller's token: other callers may be waiting on the same fetch.
            _ = FetchAsync(owned);
        }

        foreach (var (index, vector) in waits)
        {
            vectors[index] = await vector.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        EmbeddingCacheTally.Current?.AddFromCache(memoryHits + joined);
        return Wrap(vectors);
    }

    private async Task FetchAsync(Dictionary<string, (string Text, TaskCompletionSource<float[]> Done)> owned)
    {
        var tally = EmbeddingCacheTally.Current;
        try
        {
            await Task.Yield();
            var fromStore = await ReadStoreAsync(owned).ConfigureAwait(false);
            tally?.AddFromCache(fromStore);
            var rest = owned.Where(static e => !e.Value.Done.Task.IsCompleted).ToList();
            if (rest.Count > 0)
            {
                var generated = await InnerGenerator.GenerateAsync(rest.Select(static e => e.Value.Text).ToList(), options: null, CancellationToken.None).ConfigureAwait(false);
                EmbeddingVectorCheck.CheckCount(_generatorId, generated.Count, rest.Count);
                var fresh = new Dictionary<string, float[]>(rest.Count, StringComparer.Ordinal);
                for (var i = 0; i < rest.Count; i++)
                {
                    EmbeddingVectorCheck.Check(_generatorId, _dimension, generated[i].Vector.Span, i);
                    fresh[rest[i].Key] = generated[i].Vector.ToArray();
                }

                await WriteStoreAsync(fresh).ConfigureAwait(false);
                foreach (var entry in rest)
                {
                    Complete(entry.Key, entry.Value.Done, fresh[entry.Key]);
                }

                tally?.AddGenerated(rest.Count);
            }

            EmbeddingPipelineLog.Fetched(_logger, _generatorId, fromStore, rest.Count);
        }
        catch (Exception e)
        {
            foreach (var entry in owned)
            {
                entry.Value.Done.TrySetException(e);
            }
        }
        finally
        {
            foreach (var entry in owned)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Task<float[]>>(entry.Key, entry.Value.Done.Task));
            }
        }
    }

    private async Task<int> ReadStoreAsync(Dictionary<string, (string Text, TaskCompletionSource<float[]> Done)> owned)
    {
        if (_store is null)
        {
            return 0;
        }

        IReadOnlyDictionary<string, float[]> found;
        try
        {
            found = await _store.GetManyAsync(_generatorId, _dimension, owned.Keys, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EmbeddingPipelineLog.CacheReadFailed(_logger, _generatorId, e);
            return 0;
        }

        var count = 0;
        foreach (var (hash, vector) in found)
        {
            // A vector read back is not trusted: a damaged or foreign row is generated again instead.
            if (owned.TryGetValue(hash, out var entry) && EmbeddingVectorCheck.IsUsable(vector, _dimension))
            {
                Complete(hash, entry.Done, vector);
                count++;
            }
        }

        return count;
    }

    private async Task WriteStoreAsync(Dictionary<string, float[]> fresh)
    {
        if (_store is null)
        {
            return;
        }

        try
        {
            await _store.SetManyAsync(_generatorId, _dimension, fresh, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EmbeddingPipelineLog.CacheWriteFailed(_logger, fresh.Count, _generatorId, e);
        }
    }

    private void Complete(string hash, TaskCompletionSource<float[]> done, float[] vector)
    {
        // Into memory before the in-flight entry goes, so a new request finds one or the other.
        _memory.Add(hash, vector);
        done.TrySetResult(vector);
    }

    private static GeneratedEmbeddings<Embedding<float>> Wrap(float[]?[] vectors)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector!));
        }

        return embeddings;
    }
}
