using System.Globalization;
using System.Runtime.CompilerServices;

namespace Ancso.Ml.Training.Data;

/// <summary>
/// Collects pairs row by row: stores each item's features once (checking that every pair naming an item gives it the
/// same features), rejects malformed rows with their location, drops exact repeats and both sides of contradictions.
/// </summary>
internal sealed class PairSetBuilder
{
    private readonly int _width;
    private readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    private readonly List<string> _itemIds = [];
    private readonly List<DataLocation> _itemFirstSeen = [];
    private readonly Dictionary<string, DataLocation> _pairIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Low, int High), Comparison> _comparisons = [];
    private readonly List<Row> _rows = [];
    private float[] _features;
    private int _duplicates;
    private int _contradictions;

    public PairSetBuilder(int width)
    {
        _width = width;
        _features = new float[width * 64];
    }

    public int Width => _width;

    public void Add(DataLocation at, string pairId, string aId, string bId, int label, string source, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
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

        if (string.Equals(aId, bId, StringComparison.Ordinal))
        {
            throw at.Error("b_id", $"the pair compares item '{aId}' with itself.", "Remove the row from the pair store.");
        }

        var ia = Item(at, aId, "a_features", a);
        var ib = Item(at, bId, "b_features", b);
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
        var features = new float[_itemIds.Count * _width];
        Array.Copy(_features, features, features.Length);
        return new PairSet
        {
            Width = _width,
            Features = features,
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
    private int Item(DataLocation at, string id, string field, ReadOnlySpan<float> features)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw at.Error(field == "a_features" ? "a_id" : "b_id", "the item id is empty.", "Export the dataset again.");
        }

        if (features.Length != _width)
        {
            throw at.Error(field, string.Create(CultureInfo.InvariantCulture, $"the vector holds {features.Length} values; the dataset's features are {_width} wide (embedding dimension + metrics)."),
                "Export the dataset again with one embedding generator for every item.");
        }

        for (var i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                throw at.Error(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), $"the value is {features[i].ToString(CultureInfo.InvariantCulture)}; features must be finite.",
                    "Re-embed the item or remove the pair, then export again.");
            }
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
        if ((index + 1) * _width > _features.Length)
        {
            Array.Resize(ref _features, Math.Max(_features.Length * 2, (index + 1) * _width));
        }

        features.CopyTo(_features.AsSpan(index * _width, _width));
        _itemIndex.Add(id, index);
        _itemIds.Add(id);
        _itemFirstSeen.Add(at);
        return index;
    }

    private readonly record struct Row(int A, int B, int Label, string Source, bool Dropped);

    private readonly record struct Comparison(int Winner, int Row, bool Contradicted);
}
