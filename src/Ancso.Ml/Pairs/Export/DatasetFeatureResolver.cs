using Ancso.Ml.Content;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.Pairs.Export;

/// <summary>
/// Builds the feature vectors of exported items through <see cref="IFeatureBuilder"/>, feeding it embeddings from the
/// cache, or generated in batches (and cached) when missing. Recently built vectors are kept in a bounded LRU.
/// </summary>
internal sealed class DatasetFeatureResolver
{
    private readonly IFeatureBuilder _features;
    private readonly IEmbeddingCache _cache;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly int _embeddingBatchSize;
    private readonly FeatureLruCache _recent;
    private readonly ILogger _logger;

    public DatasetFeatureResolver(
        IFeatureBuilder features,
        IEmbeddingCache cache,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        int embeddingBatchSize,
        int featureCacheCapacity,
        ILogger logger)
    {
        _features = features;
        _cache = cache;
        _generator = generator;
        _embeddingBatchSize = embeddingBatchSize;
        _recent = new FeatureLruCache(featureCacheCapacity);
        _logger = logger;
    }

    public int FromCache { get; private set; }

    public int Generated { get; private set; }

    private FeatureLayout Layout => _features.Layout;

    /// <summary>Gets the feature vectors of every item of <paramref name="pairs"/>, keyed by item id.</summary>
    public async Task<Dictionary<string, float[]>> ResolveAsync(IReadOnlyList<StoredPair> pairs, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var missing = new List<StoredItem>();
        foreach (var pair in pairs)
        {
            foreach (var item in (ReadOnlySpan<StoredItem>)[pair.ItemA, pair.ItemB])
            {
                if (result.ContainsKey(item.Id))
                {
                    continue;
                }

                if (_recent.TryGet(item.Id, out var features))
                {
                    result[item.Id] = features;
                }
                else
                {
                    result[item.Id] = [];
                    missing.Add(item);
                }
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var embeddings = await GetEmbeddingsAsync(missing, cancellationToken).ConfigureAwait(false);
        var contentItems = new ContentItem[missing.Count];
        for (var i = 0; i < missing.Count; i++)
        {
            var item = missing[i];
            contentItems[i] = new ContentItem(item.Id, item.Platform, item.Section, item.Text) { Embedding = embeddings[item.TextHash] };
        }

        var width = Layout.Width;
        var rows = new float[missing.Count * width];
        var metrics = new ContentMetrics[missing.Count];
        await _features.WriteFeaturesAsync(contentItems, rows, metrics, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < missing.Count; i++)
        {
            var features = rows.AsSpan(i * width, width).ToArray();
            result[missing[i].Id] = features;
            _recent.Add(missing[i].Id, features);
        }

        return result;
    }

    private async Task<Dictionary<string, float[]>> GetEmbeddingsAsync(List<StoredItem> items, CancellationToken cancellationToken)
    {
        var id = Layout.EmbeddingGeneratorId;
        var dimension = Layout.EmbeddingDimension;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            texts.TryAdd(item.TextHash, item.Text);
        }

        var cached = await _cache.GetManyAsync(id, dimension, texts.Keys, cancellationToken).ConfigureAwait(false);
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var toGenerate = new List<KeyValuePair<string, string>>();
        foreach (var entry in texts)
        {
            if (cached.TryGetValue(entry.Key, out var vector) && vector.Length == dimension)
            {
                vectors[entry.Key] = vector;
            }
            else
            {
                toGenerate.Add(entry);
            }
        }

        FromCache += vectors.Count;
        foreach (var chunk in toGenerate.Chunk(_embeddingBatchSize))
        {
            var generated = await _generator.GenerateAsync(chunk.Select(static e => e.Value), options: null, cancellationToken).ConfigureAwait(false);
            if (generated.Count != chunk.Length)
            {
                throw new InvalidOperationException($"The embedding generator '{id}' returned {generated.Count} embeddings for {chunk.Length} texts.");
            }

            var fresh = new Dictionary<string, float[]>(chunk.Length, StringComparer.Ordinal);
            for (var i = 0; i < chunk.Length; i++)
            {
                var vector = generated[i].Vector.ToArray();
                if (vector.Length != dimension || Array.Exists(vector, static x => !float.IsFinite(x)))
                {
                    throw new InvalidOperationException(
                        $"The embedding generator '{id}' returned an invalid vector for text {chunk[i].Key} ({vector.Length} values, expected {dimension} finite ones).");
                }

                fresh[chunk[i].Key] = vector;
                vectors[chunk[i].Key] = vector;
            }

            // Cached chunk by chunk, so work done before a later failure is not lost.
            await _cache.SetManyAsync(id, dimension, fresh, cancellationToken).ConfigureAwait(false);
            Generated += fresh.Count;
            PairDatasetExporterLog.Generated(_logger, fresh.Count, id);
        }

        return vectors;
    }
}
