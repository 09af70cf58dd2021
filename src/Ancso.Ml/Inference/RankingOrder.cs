using System.Buffers;

namespace Ancso.Ml.Inference;

/// <summary>Orders scored items best first; equal scores keep the input order, and a NaN score ranks last.</summary>
/// <remarks>
/// Each item becomes one 64-bit key, the score's order (descending) above its index (ascending), so a primitive sort
/// of the keys gives the order without a comparer call per comparison, and the keys are unique, so stability cannot
/// matter. The order is that of <see cref="float.CompareTo(float)"/> descending, then the index: <c>−0</c> ties
/// <c>+0</c>, and every NaN ties every other NaN, below every number.
/// </remarks>
internal static class RankingOrder
{
    public static RankedItem[] Rank(IReadOnlyList<ContentItem> items, ReadOnlySpan<float> scores)
    {
        var count = items.Count;
        var keys = ArrayPool<ulong>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                keys[i] = ((ulong)DescendingKey(scores[i]) << 32) | (uint)i;
            }

            var order = keys.AsSpan(0, count);
            order.Sort();
            var ranked = new RankedItem[count];
            for (var r = 0; r < ranked.Length; r++)
            {
                var index = (int)(uint)order[r];
                ranked[r] = new RankedItem(r + 1, items[index], scores[index]);
            }

            return ranked;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    /// <summary>
    /// Maps a score to a key that sorts ascending as the scores sort descending under <see cref="float.CompareTo(float)"/>:
    /// the IEEE bits made monotonic (sign flipped for positives, all bits flipped for negatives), then complemented;
    /// both zeros map to one key, and every NaN to <see cref="uint.MaxValue"/>, after every number.
    /// </summary>
    internal static uint DescendingKey(float score)
    {
        if (float.IsNaN(score))
        {
            return uint.MaxValue;
        }

        var bits = BitConverter.SingleToUInt32Bits(score == 0f ? 0f : score);
        var ascending = (bits & 0x8000_0000u) == 0 ? bits | 0x8000_0000u : ~bits;
        return ~ascending;
    }
}
