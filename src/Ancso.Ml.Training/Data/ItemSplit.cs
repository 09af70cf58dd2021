namespace Ancso.Ml.Training.Data;

/// <summary>The pairs of each side of a split by item, and the pairs lost because they straddled it.</summary>
internal sealed record SplitResult(int[] TrainPairs, int[] ValidationPairs, int StraddlingDropped);

/// <summary>
/// Splits pairs into training and validation so that no item appears on both sides. Whole connected groups of items
/// (items linked through pairs) go to validation first, in seeded random order, until about the wanted share of pairs
/// is held out; only when that is not reachable is the largest remaining group split by item, and the pairs that would
/// then straddle the split are dropped from both sides. Shares are counted in votes (<see cref="PairSet.Votes"/>: one
/// per pair but for a capped rater's, which count as little as they weigh), so a flood that forms one large group of
/// light pairs cannot push every honest pair into validation and leave the validated fit to learn from the flood alone.
/// </summary>
internal static class ItemSplit
{
    public static SplitResult Split(PairSet set, double validationFraction, Random random)
    {
        var pairCount = set.PairCount;
        if ((int)Math.Round(pairCount * validationFraction) == 0 || pairCount < 2)
        {
            return new SplitResult([.. Enumerable.Range(0, pairCount)], [], 0);
        }

        // With one vote per pair (no cap binding) this is the pair count, rounded as it always was.
        var target = Math.Round(set.Votes.Take(pairCount).Sum(v => (double)v) * validationFraction);

        var parent = Enumerable.Range(0, set.ItemCount).ToArray();
        for (var p = 0; p < pairCount; p++)
        {
            Union(parent, set.A[p], set.B[p]);
        }

        var groups = new Dictionary<int, List<int>>();
        for (var p = 0; p < pairCount; p++)
        {
            var root = Find(parent, set.A[p]);
            if (!groups.TryGetValue(root, out var list))
            {
                groups[root] = list = [];
            }

            list.Add(p);
        }

        // Dictionary order follows insertion (first pair of each group), so the order below depends only on the data and the seed.
        var order = groups.Values.ToArray();
        random.Shuffle(order);
        var inValidation = new bool[set.ItemCount];
        double held = 0;
        var remaining = new List<List<int>>();
        foreach (var group in order)
        {
            var votes = VotesOf(set, group);
            if (held + votes <= target + 1e-9 && group.Count < pairCount)
            {
                MarkItems(set, group, inValidation);
                held += votes;
            }
            else
            {
                remaining.Add(group);
            }
        }

        if (held < target / 2 && remaining.Count > 0)
        {
            // One group dominates: hold out a random share q of its items, so that about q² of its pairs land in validation.
            var largest = remaining.MaxBy(g => VotesOf(set, g))!;
            var need = target - held;
            var share = Math.Sqrt(Math.Min(1.0, need / Math.Max(1e-12, VotesOf(set, largest))));
            var items = largest.SelectMany(p => new[] { set.A[p], set.B[p] }).Distinct().Order().ToArray();
            random.Shuffle(items);
            var take = Math.Max(2, (int)Math.Round(items.Length * share));
            foreach (var item in items.Take(Math.Min(take, items.Length - 2)))
            {
                inValidation[item] = true;
            }
        }

        var train = new List<int>();
        var validation = new List<int>();
        var straddling = 0;
        for (var p = 0; p < pairCount; p++)
        {
            var a = inValidation[set.A[p]];
            var b = inValidation[set.B[p]];
            if (a && b)
            {
                validation.Add(p);
            }
            else if (!a && !b)
            {
                train.Add(p);
            }
            else
            {
                straddling++;
            }
        }

        if (validation.Count == 0)
        {
            // Too few items to hold any pair out without losing more than it gains: train on everything.
            return new SplitResult([.. Enumerable.Range(0, pairCount)], [], 0);
        }

        return new SplitResult([.. train], [.. validation], straddling);
    }

    private static double VotesOf(PairSet set, List<int> pairs) => pairs.Sum(p => (double)set.Votes[p]);

    private static void MarkItems(PairSet set, List<int> pairs, bool[] inValidation)
    {
        foreach (var p in pairs)
        {
            inValidation[set.A[p]] = true;
            inValidation[set.B[p]] = true;
        }
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
