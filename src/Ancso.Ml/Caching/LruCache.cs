using System.Diagnostics.CodeAnalysis;

namespace Ancso.Ml.Caching;

/// <summary>
/// Values keyed by an ordinal string, at most <c>capacity</c> of them, least recently used out first. Adding a key that
/// is already there keeps the value it has. Not thread-safe. Compiled into each package that uses it.
/// </summary>
/// <typeparam name="TValue">The type of the values.</typeparam>
internal sealed class LruCache<TValue>
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value)> _order = new();

    public LruCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    public int Count => _index.Count;

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_index.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default;
        return false;
    }

    public void Add(string key, TValue value)
    {
        if (_capacity == 0 || _index.ContainsKey(key))
        {
            return;
        }

        if (_index.Count == _capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _index.Remove(last.Value.Key);
        }

        _index[key] = _order.AddFirst((key, value));
    }
}
