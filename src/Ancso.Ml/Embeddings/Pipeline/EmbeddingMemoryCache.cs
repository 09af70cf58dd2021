namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Vectors of recently embedded texts keyed by text hash, at most <c>capacity</c> of them, least recently used out first.
/// Thread-safe (one lock; every operation is a dictionary lookup and a list splice).
/// </summary>
internal sealed class EmbeddingMemoryCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, float[] Vector)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, float[] Vector)> _order = new();
    private readonly Lock _gate = new();

    public EmbeddingMemoryCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    public bool TryGet(string key, out float[] vector)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                vector = node.Value.Vector;
                return true;
            }
        }

        vector = [];
        return false;
    }

    public void Add(string key, float[] vector)
    {
        if (_capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_index.ContainsKey(key))
            {
                return;
            }

            if (_index.Count == _capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
            }

            _index[key] = _order.AddFirst((key, vector));
        }
    }
}
