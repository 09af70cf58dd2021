using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Pairs.Storage;

/// <summary>
/// The argument checks every <see cref="IPairStore"/> makes before it touches its database, so the SQLite and PostgreSQL
/// stores refuse the same calls with the same messages (compiled into each store package).
/// </summary>
internal static class PairStoreArguments
{
    /// <summary>Validates a batch for <see cref="IPairStore.AddPairsAsync"/>: all of it before the transaction starts, so a bad pair stores nothing.</summary>
    public static ValidatedPair[] ValidateBatch(IReadOnlyList<NewPair> pairs)
    {
        var validated = new ValidatedPair[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            validated[i] = ValidatedPair.From(pairs[i], i, pairs.Count);
        }

        return validated;
    }

    /// <summary>Checks a query of <see cref="IPairStore.ListItemsAsync"/>; <see langword="null"/> is the default query.</summary>
    public static ItemQuery CheckItemQuery(ItemQuery? query)
    {
        query ??= new ItemQuery();
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip, nameof(query));
        if (query.Take is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Take, "ItemQuery.Take is between 1 and 10,000.");
        }

        return query;
    }

    /// <summary>Checks the vectors given to the embedding cache's <c>SetManyAsync</c>: each one of <paramref name="dimension"/> finite values.</summary>
    public static void CheckVectors(string generatorId, int dimension, IReadOnlyDictionary<string, float[]> vectors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(vectors);
        foreach (var (hash, vector) in vectors)
        {
            if (vector is null || vector.Length != dimension)
            {
                throw new ArgumentException(
                    $"The vector for text {hash} has {vector?.Length ?? 0} values; generator '{generatorId}' vectors have {dimension}. Nothing was stored.", nameof(vectors));
            }

            if (Array.Exists(vector, static x => !float.IsFinite(x)))
            {
                throw new ArgumentException(
                    $"The vector for text {hash} from generator '{generatorId}' holds a NaN or infinite value. Nothing was stored.", nameof(vectors));
            }
        }
    }
}
