using Ancso.Ml.Caching;
using Ancso.Ml.Features;

namespace Ancso.Ml.Learning.Export;

/// <summary>
/// Builds the feature vectors of exported items through <see cref="IFeatureBuilder"/>, which fetches embeddings through
/// the embeddings pipeline (memory, the store's cache, then the generator, storing what it generates), in calls of at
/// most <c>embeddingBatchSize</c> items. Recently built vectors are kept in a bounded LRU keyed by item id.
/// </summary>
internal sealed class DatasetFeatureResolver
{
    private readonly IFeatureBuilder _features;
    private readonly int _embeddingBatchSize;
    private readonly LruCache<float[]> _recent;

    public DatasetFeatureResolver(IFeatureBuilder features, int embeddingBatchSize, int featureCacheCapacity)
    {
        _features = features;
        _embeddingBatchSize = embeddingBatchSize;
        _recent = new LruCache<float[]>(featureCacheCapacity);
    }

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

        var width = Layout.Width;
        foreach (var chunk in missing.Chunk(_embeddingBatchSize))
        {
            var contentItems = Array.ConvertAll(chunk, static item => new ContentItem(item.Id, item.Platform, item.Section, item.Text));
            var rows = new float[chunk.Length * width];
            var metrics = new ContentMetrics[chunk.Length];
            await _features.WriteFeaturesAsync(contentItems, rows, metrics, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                var features = rows.AsSpan(i * width, width).ToArray();
                result[chunk[i].Id] = features;
                _recent.Add(chunk[i].Id, features);
            }
        }

        return result;
    }
}
