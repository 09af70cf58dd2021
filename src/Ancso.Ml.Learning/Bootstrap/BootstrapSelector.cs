
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Picks pairs from candidates so that they are spread across sections and tags (stratified), so that cross-text pairs
/// stay a capped minority, and so that neither the longer text, the text with more digits nor the text with the higher
/// <c>keyword_score</c> is systematically the better one. The picks form one sequence: asking for fewer pairs gives a
/// prefix of what asking for more would give.
/// </summary>
/// <remarks>
/// <para>
/// Each step first chooses the kind: a cross-text pair while cross-text pairs are fewer than their share of the pairs
/// taken so far (counting this one), otherwise a degradation pair. It then scores the first few eligible candidates of
/// every (section, tag) bucket of that kind by
/// <c>2·(section use − least section use) + (bucket use − least bucket use in the section) + ½·Σ weight·gap²</c>
/// over the three surface signals (<see cref="SurfaceSignals"/>): the length gap is (pairs whose better text is longer)
/// − (pairs whose better text is shorter) after taking the candidate, the digit gap and the keyword gap (for
/// <c>keyword_score</c>) likewise. A signal's weight is (pairs taken + 1) / (pairs that differ in that signal + 1),
/// clamped to [1, 2], so a gap in a rarer signal (most pairs tie on digits) counts for more without starving the tags
/// that change it. The quadratic term pushes harder the further the set drifts from balance, so stratification gives
/// way only as much as balance needs.
/// </para>
/// <para>
/// A candidate is eligible only while each gap stays within <c>max(4, 0.2 · pairs that differ in that respect)</c>, which keeps
/// each share within 40–60% once there are more than twenty such pairs. When no candidate of either kind is eligible, the
/// sequence ends: that is how many balanced pairs the corpus allows.
/// </para>
/// </remarks>
internal sealed class BootstrapSelector
{
    private const int Window = 8;
    private const int MinimumTolerance = 4;
    private const double Tolerance = 0.2;
    private const double MaximumRarityWeight = 2;

    private readonly Random _random;
    private readonly double _crossTextShare;

    /// <summary>Creates a selector.</summary>
    /// <param name="random">The source of randomness for the bucket shuffles.</param>
    /// <param name="crossTextShare">The largest share of cross-text pairs, in [0, 1).</param>
    public BootstrapSelector(Random random, double crossTextShare)
    {
        _random = random;
        _crossTextShare = crossTextShare;
    }

    /// <summary>Selects up to <paramref name="limit"/> candidates.</summary>
    /// <param name="degradation">Degradation candidates, in a deterministic order.</param>
    /// <param name="crossText">Cross-text candidates, in a deterministic order.</param>
    /// <param name="limit">The most to select.</param>
    /// <returns>The selected candidates, in selection order.</returns>
    public List<BootstrapCandidate> Select(IReadOnlyList<BootstrapCandidate> degradation, IReadOnlyList<BootstrapCandidate> crossText, int limit)
    {
        var degradationPool = new Pool(Buckets(degradation));
        var crossPool = new Pool(Buckets(crossText));
        var state = new Balance();
        var selected = new List<BootstrapCandidate>();
        var crossCount = 0;
        while (selected.Count < limit)
        {
            var crossAllowed = crossCount + 1 <= _crossTextShare * (selected.Count + 1);
            var pick = crossAllowed ? crossPool.Take(state) ?? degradationPool.Take(state) : degradationPool.Take(state);
            if (pick is null)
            {
                break;
            }

            crossCount += pick.Kind == BootstrapPairKinds.CrossText ? 1 : 0;
            state.Add(pick);
            selected.Add(pick);
        }

        return selected;
    }

    private List<Bucket> Buckets(IReadOnlyList<BootstrapCandidate> candidates)
    {
        var buckets = candidates
            .GroupBy(c => (c.Section, c.Tag))
            .OrderBy(g => g.Key.Section, StringComparer.Ordinal).ThenBy(g => g.Key.Tag, StringComparer.Ordinal)
            .Select(g => new Bucket(g.Key.Section, Shuffle(g.ToList())))
            .ToList();
        return Shuffle(buckets);
    }

    private List<T> Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    private sealed class Balance
    {
        private readonly Signal _length = new();
        private readonly Signal _digits = new();
        private readonly Signal _keywords = new();
        private int _picks;

        public bool Allows(BootstrapCandidate c) =>
            _length.Allows(c.LengthSign) && _digits.Allows(c.DigitSign) && _keywords.Allows(c.KeywordSign);

        public double Cost(BootstrapCandidate c) =>
            0.5 * (_length.Cost(c.LengthSign, _picks) + _digits.Cost(c.DigitSign, _picks) + _keywords.Cost(c.KeywordSign, _picks));

        public void Add(BootstrapCandidate c)
        {
            _length.Add(c.LengthSign);
            _digits.Add(c.DigitSign);
            _keywords.Add(c.KeywordSign);
            _picks++;
        }
    }

    /// <summary>One surface signal: the gap between pairs whose better text has more of it and pairs whose better text has less.</summary>
    private sealed class Signal
    {
        private int _gap;
        private int _decisive;

        public bool Allows(int sign) => Math.Abs(_gap + sign) <= Limit(_decisive + Math.Abs(sign));

        public double Cost(int sign, int picks) =>
            (double)(_gap + sign) * (_gap + sign) * Math.Clamp((picks + 1.0) / (_decisive + 1.0), 1, MaximumRarityWeight);

        public void Add(int sign)
        {
            _gap += sign;
            _decisive += Math.Abs(sign);
        }

        private static int Limit(int decisive) => Math.Max(MinimumTolerance, (int)(Tolerance * decisive));
    }

    private sealed class Pool(List<Bucket> buckets)
    {
        private readonly Dictionary<string, int> _sectionUse = buckets.Select(b => b.Section).Distinct(StringComparer.Ordinal)
            .ToDictionary(s => s, _ => 0, StringComparer.Ordinal);

        public BootstrapCandidate? Take(Balance balance)
        {
            var open = buckets.Where(b => b.Remaining.Count > 0).ToList();
            if (open.Count == 0)
            {
                return null;
            }

            var leastSection = open.Min(b => _sectionUse[b.Section]);
            var leastBucket = open.GroupBy(b => b.Section, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Min(b => b.Used), StringComparer.Ordinal);
            Bucket? best = null;
            var bestIndex = -1;
            var bestCost = double.MaxValue;
            foreach (var bucket in open)
            {
                var strata = (2.0 * (_sectionUse[bucket.Section] - leastSection)) + (bucket.Used - leastBucket[bucket.Section]);
                var looked = 0;
                for (var i = 0; i < bucket.Remaining.Count && looked < Window; i++)
                {
                    var c = bucket.Remaining[i];
                    if (!balance.Allows(c))
                    {
                        continue;
                    }

                    looked++;
                    var cost = strata + balance.Cost(c);
                    if (cost < bestCost)
                    {
                        (best, bestIndex, bestCost) = (bucket, i, cost);
                    }
                }
            }

            if (best is null)
            {
                return null;
            }

            var chosen = best.Remaining[bestIndex];
            best.Remaining.RemoveAt(bestIndex);
            best.Used++;
            _sectionUse[best.Section]++;
            return chosen;
        }
    }

    private sealed class Bucket(string section, List<BootstrapCandidate> remaining)
    {
        public string Section { get; } = section;

        public List<BootstrapCandidate> Remaining { get; } = remaining;

        public int Used { get; set; }
    }
}
