
namespace Ancso.Ml.Learning.Export;

/// <summary>Feature vectors of recently exported items, keyed by item id; holds at most <c>capacity</c>, least recently used out first. Not thread-safe.</summary>
internal sealed class FeatureLruCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Id, float[] Features)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, float[] Features)> _order = new();

    public FeatureLruCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    public int Count => _index.Count;

    public bool TryGet(string id, out float[] features)
    {
        if (_index.TryGetValue(id, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            features = node.Value.Features;
            return true;
        }

        features = [];
        return false;
    }

    public void Add(string id, float[] features)
    {
        if (_capacity == 0 || _index.ContainsKey(id))
        {
            return;
        }

        if (_index.Count == _capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _index.Remove(last.Value.Id);
        }

        _index[id] = _order.AddFirst((id, features));
    }
}
