using Ancso.Ml.Caching;

namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Vectors of recently embedded texts keyed by text hash, at most <c>capacity</c> of them, least recently used out first.
/// Thread-safe (one lock; every operation is a dictionary lookup and a list splice).
/// </summary>
internal sealed class EmbeddingMemoryCache
{
    private readonly LruCache<float[]> _cache;
    private readonly bool _enabled;
    private readonly Lock _gate = new();

    public EmbeddingMemoryCache(int capacity)
    {
        _cache = new LruCache<float[]>(capacity);
        _enabled = capacity > 0;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _cache.Count;
            }
        }
    }

    public bool TryGet(string key, out float[] vector)
    {
        lock (_gate)
        {
            if (_cache.TryGet(key, out var found))
            {
                vector = found;
                return true;
            }
        }

        vector = [];
        return false;
    }

    public void Add(string key, float[] vector)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            _cache.Add(key, vector);
        }
    }
}
