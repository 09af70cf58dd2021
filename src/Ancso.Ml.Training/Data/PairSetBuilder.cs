using System.Runtime.CompilerServices;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Training.Data;

/// <summary>
/// The trainer's sink of the one dataset reader: stores each item's features once (checking that every pair naming an
/// item gives it the same features), rejects malformed pairs with their location, and keeps every pair as a vote;
/// <see cref="Build(InfluenceLimitOptions, Func{string, double})"/> hands the votes to <see cref="InfluenceLimiter"/>, the one place the influence limits live (one
/// vote per rater per pair of items, the cap on a rater's share, weighted votes on disputed pairs). Items come from any
/// source: each row of <c>dataset.jsonl</c> names both of its items again, the compact file and the pair store hand each
/// item in once.
/// </summary>
internal sealed class PairSetBuilder : IPairDatasetSink
{
    private readonly int _width;
    private readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    private readonly List<string> _itemIds = [];
    private readonly List<DatasetPosition> _itemFirstSeen = [];
    private readonly Dictionary<string, DatasetPosition> _pairIds = new(StringComparer.Ordinal);
    private readonly List<PairVote> _votes = [];
    private readonly List<int> _voteReasons = [];
    private readonly Dictionary<string, int> _reasonIndex = ReasonTags.All.Select((tag, i) => (tag, i)).ToDictionary(p => p.tag, p => p.i, StringComparer.Ordinal);
    private float[] _features;

    public PairSetBuilder(int width)
    {
        _width = width;
        _features = NewFeatures(width * 64);
    }

    public int Width => _width;

    /// <summary>Adds a pair handed in with both items' features.</summary>
    public void Add(in DatasetPosition at, string pairId, string aId, string bId, int label, string source, string? rater, ReadOnlySpan<float> a, ReadOnlySpan<float> b, IReadOnlyList<string>? tags = null)
    {
        if (string.Equals(aId, bId, StringComparison.Ordinal))
        {
            throw at.Error("b_id", $"the pair compares item '{aId}' with itself.", "Remove the row from the pair store.");
        }

        var ia = AddItem(at, "a_features", aId, a);
        var ib = AddItem(at, "b_features", bId, b);
        AddPair(at, pairId, ia, ib, label, source, rater, tags ?? []);
    }

    public void Reserve(int items, int pairs)
    {
        if (items > 0 && (long)items * _width > _features.Length && (long)items * _width <= Array.MaxLength)
        {
            _features = Grow(_features, items * _width);
        }

        if (pairs > 0)
        {
            _votes.EnsureCapacity(pairs);
            _pairIds.EnsureCapacity(pairs);
        }
    }

    public int AddItem(in DatasetPosition at, string field, string id, ReadOnlySpan<float> features) => Item(at, id, field, features);

    public void AddPair(in DatasetPosition at, string pairId, int ia, int ib, int label, string source, string? rater, IReadOnlyList<string> tags)
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

        if (rater is not null && !RaterPseudonyms.IsValid(rater))
        {
            throw at.Error("rater", "the rater is not a pseudonym ('r_' and 32 lower-case hex digits).", "Record choices through ITrainingSignalRecorder, which stores pseudonyms only.");
        }

        if (rater is not null && string.Equals(source, PairSources.Bootstrap, StringComparison.Ordinal))
        {
            throw at.Error("rater", "a bootstrap pair has a rater; bootstrap pairs are generated, not judged by a person.", "Leave the rater of bootstrap pairs empty.");
        }

        _pairIds.Add(pairId, at);
        _votes.Add(new PairVote(ia, ib, label, source, rater));
        _voteReasons.Add(ReasonOf(tags));
    }

    /// <summary>The index of the first tag that names a reason, or -1.</summary>
    private int ReasonOf(IReadOnlyList<string>? tags)
    {
        if (tags is not null)
        {
            foreach (var tag in tags)
            {
                if (ReasonTags.Normalize(tag) is { } reason)
                {
                    return _reasonIndex[reason];
                }
            }
        }

        return -1;
    }

    /// <summary>Builds with the options' influence limits and source weights (the defaults when none are given).</summary>
    public PairSet Build(RankerTrainingOptions? options = null)
    {
        options ??= new RankerTrainingOptions();
        return Build(options.InfluenceLimits, options.SourceWeightOf);
    }

    /// <summary>Applies the influence limits and gives the pairs to train on, each with its loss weight.</summary>
    public PairSet Build(InfluenceLimitOptions limits, Func<string, double> sourceWeight)
    {
        var limited = InfluenceLimiter.Apply(_votes, limits, sourceWeight);
        var kept = limited.Pairs;
        var report = limited.Report;
        return new PairSet
        {
            Width = _width,
            Features = _features,
            ItemIds = [.. _itemIds],
            A = [.. kept.Select(r => r.ItemA)],
            B = [.. kept.Select(r => r.ItemB)],
            Labels = [.. kept.Select(r => (float)r.Label)],
            Sources = [.. kept.Select(r => r.Source)],
            Weights = [.. kept.Select(r => (float)r.Weight)],
            Votes = [.. kept.Select(r => sourceWeight(r.Source) is var w and > 0 ? (float)(r.Weight / w) : 0f)],
            ReasonTargets = kept.Any(r => _voteReasons[r.Vote] >= 0) ? [.. kept.Select(r => _voteReasons[r.Vote])] : [],
            PairsRead = _pairIds.Count,
            DuplicatesDropped = report.VotesSuperseded + report.VotesMerged,
            ContradictionsDropped = report.VotesOutvoted + report.VotesTied,
            Influence = report,
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

}
