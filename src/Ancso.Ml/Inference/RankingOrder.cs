namespace Ancso.Ml.Inference;

/// <summary>Orders scored items best first; equal scores keep the input order, and a NaN score ranks last.</summary>
internal static class RankingOrder
{
    public static RankedItem[] Rank(IReadOnlyList<ContentItem> items, ReadOnlySpan<float> scores)
    {
        var order = new Entry[items.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = new Entry(scores[i], i);
        }

        Array.Sort(order, BestFirst.Instance);
        var ranked = new RankedItem[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranked[r] = new RankedItem(r + 1, items[order[r].Index], order[r].Score);
        }

        return ranked;
    }

    private readonly record struct Entry(float Score, int Index);

    private sealed class BestFirst : IComparer<Entry>
    {
        public static readonly BestFirst Instance = new();

        // float.CompareTo puts NaN below every number, so descending order puts it last.
        public int Compare(Entry x, Entry y)
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : x.Index.CompareTo(y.Index);
        }
    }
}
