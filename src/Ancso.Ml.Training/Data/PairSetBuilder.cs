using System.Globalization;
using System.Runtime.CompilerServices;
using Ancso.Ml.Pairs.Dataset;

namespace Ancso.Ml.Training.Data;

/// <summary>
/// The trainer's sink of the one dataset reader: stores each item's features once (checking that every pair naming an
/// item gives it the same features), rejects malformed pairs with their location, drops exact repeats and both sides of
/// contradictions. Items come from any source: each row of <c>dataset.jsonl</c> names both of its items again, the
/// compact file and the pair store hand each item in once.
/// </summary>
internal sealed class PairSetBuilder : IPairDatasetSink
{
    private readonly int _width;
    private readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    private readonly List<string> _itemIds = [];
    private readonly List<DatasetPosition> _itemFirstSeen = [];
    private readonly Dictionary<string, DatasetPosition> _pairIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Low, int High), Comparison> _comparisons = [];
    private readonly List<Row> _rows = [];
    private float[] _features;
    private int _duplicates;
    private int _contradictions;

    public PairSetBuilder(int width)
    {
        _width = width;
        _features = NewFeatures(width * 64);
    }

    public int Width => _width;

    /// <summary>Adds a pair handed in with both items' features.</summary>
    public void Add(in DatasetPosition at, string pairId, string aId, string bId, int label, string source, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (string.Equals(aId, bId, StringComparison.Ordinal))
        {
            throw at.Error("b_id", $"the pair compares item '{aId}' with itself.", "Remove the row from the pair store.");
        }

        var ia = AddItem(at, "a_features", aId, a);
        var ib = AddItem(at, "b_features", bId, b);
        AddPair(at, pairId, ia, ib, label, source);
    }

    public void Reserve(int items, int pairs)
    {
        if (items > 0 && (long)items * _width > _features.Length && (long)items * _width <= Array.MaxLength)
        {
            _features = Grow(_features, items * _width);
        }

        if (pairs > 0)
        {
            _rows.EnsureCapacity(pairs);
            _pairIds.EnsureCapacity(pairs);
            _comparisons.EnsureCapacity(pairs);
        }
    }

    public int AddItem(in DatasetPosition at, string field, string id, ReadOnlySpan<float> features) => Item(at, id, field, features);

    public void AddPair(in DatasetPosition at, string pairId, int ia, int ib, int label, string source)
    {
        if (string.IsNullOrWhiteSpace(pairId))
        {
            throw at.Error("pair_id", "the pair id is empty.", "Export the dataset again.");
        }

        if (_pairIds.TryGetValue(pairId, out var first))
        {
            throw at.Error("pair_id", $"pair '{pairId}' already appeared at {first.Describe()}.", "Each pair must appear once; export the dataset again.");
        }

        if (label is not (1 or -1))
        {
            throw at.Error("label", string.Create(CultureInfo.InvariantCulture, $"the label is {label}; it must be 1 (A is better) or -1 (B is better)."), "Fix the row or export the dataset again.");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            throw at.Error("source", "the label source is empty.", "Use bootstrap, user_choice, before_after or manual.");
        }

        if (ia == ib)
        {
            throw at.Error("b_id", $"the pair compares item '{_itemIds[ia]}' with itself.", "Remove the row from the pair store.");
        }

        _pairIds.Add(pairId, at);
        var key = ia < ib ? (ia, ib) : (ib, ia);
        var winner = label == 1 ? ia : ib;
        if (_comparisons.TryGetValue(key, out var earlier))
        {
            if (earlier.Contradicted)
            {
                _contradictions++;
            }
            else if (earlier.Winner == winner)
            {
                _duplicates++;
            }
            else
            {
                _rows[earlier.Row] = _rows[earlier.Row] with { Dropped = true };
                _comparisons[key] = earlier with { Contradicted = true };
                _contradictions += 2;
            }

            return;
        }

        _comparisons.Add(key, new Comparison(winner, _rows.Count, Contradicted: false));
        _rows.Add(new Row(ia, ib, label, source, Dropped: false));
    }

    public PairSet Build()
    {
        var kept = _rows.Where(r => !r.Dropped).ToArray();
        return new PairSet
        {
            Width = _width,
            Features = _features,
            ItemIds = [.. _itemIds],
            A = [.. kept.Select(r => r.A)],
            B = [.. kept.Select(r => r.B)],
            Labels = [.. kept.Select(r => (float)r.Label)],
            Sources = [.. kept.Select(r => r.Source)],
            PairsRead = _pairIds.Count,
            DuplicatesDropped = _duplicates,
            ContradictionsDropped = _contradictions,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Item(in DatasetPosition at, string id, string field, ReadOnlySpan<float> features)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw at.Error(field switch { "a_features" => "a_id", "b_features" => "b_id", _ => field }, "the item id is empty.", "Export the dataset again.");
        }

        if (features.Length != _width)
        {
            throw at.Error(field, string.Create(CultureInfo.InvariantCulture, $"the vector holds {features.Length} values; the dataset's features are {_width} wide (embedding dimension + metrics)."),
                "Export the dataset again with one embedding generator for every item.");
        }

        if (FiniteCheck.IndexOfNonFinite(features) is var bad and >= 0)
        {
            throw at.Error(string.Create(CultureInfo.InvariantCulture, $"{field}[{bad}]"), $"the value is {features[bad].ToString(CultureInfo.InvariantCulture)}; features must be finite.",
                "Re-embed the item or remove the pair, then export again.");
        }

        if (_itemIndex.TryGetValue(id, out var index))
        {
            if (!features.SequenceEqual(_features.AsSpan(index * _width, _width)))
            {
                throw at.Error(field, $"item '{id}' has other features than at {_itemFirstSeen[index].Describe()}.",
                    "Every pair must give an item the same features; export the dataset again from one pair store.");
            }

            return index;
        }

        index = _itemIds.Count;
        if ((long)(index + 1) * _width > _features.Length)
        {
            var needed = (long)(index + 1) * _width;
            if (needed > Array.MaxLength)
            {
                throw at.Error(field, string.Create(CultureInfo.InvariantCulture, $"item {index + 1} of width {_width} does not fit in one feature matrix ({Array.MaxLength} values)."),
                    "Train on fewer items or a smaller embedding dimension.");
            }

            _features = Grow(_features, (int)Math.Min(Array.MaxLength, Math.Max((long)_features.Length * 2, needed)));
        }

        features.CopyTo(_features.AsSpan(index * _width, _width));
        _itemIndex.Add(id, index);
        _itemIds.Add(id);
        _itemFirstSeen.Add(at);
        return index;
    }

    /// <summary>Feature storage is pinned: the training loop hands it to TorchSharp without a copy.</summary>
    private static float[] NewFeatures(int length) => GC.AllocateUninitializedArray<float>(length, pinned: true);

    private float[] Grow(float[] features, int length)
    {
        var larger = NewFeatures(length);
        features.AsSpan(0, _itemIds.Count * _width).CopyTo(larger);
        return larger;
    }

    private readonly record struct Row(int A, int B, int Label, string Source, bool Dropped);

    private readonly record struct Comparison(int Winner, int Row, bool Contradicted);
}
