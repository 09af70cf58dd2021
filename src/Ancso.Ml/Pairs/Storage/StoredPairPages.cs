using System.Runtime.CompilerServices;

namespace Ancso.Ml.Pairs.Storage;

/// <summary>
/// The paging of <see cref="IPairStore.StreamPairsAsync"/> in the SQLite and PostgreSQL stores (compiled into each store
/// package): pages in ascending sequence number, each read after the last number of the one before, up to the newest
/// pair at the start.
/// </summary>
internal static class StoredPairPages
{
    /// <summary>Streams the pairs of the pages <paramref name="readPageAfter"/> reads, until <paramref name="newest"/> or an empty page.</summary>
    /// <param name="newest">The sequence number of the newest pair when the stream started.</param>
    /// <param name="readPageAfter">Reads the next page: the pairs with a sequence number above the one given, in order.</param>
    /// <param name="cancellationToken">Stops the stream between pairs.</param>
    public static async IAsyncEnumerable<StoredPair> StreamAsync(
        long newest, Func<long, Task<List<(long Seq, StoredPair Pair)>>> readPageAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0L;
        while (after < newest)
        {
            var page = await readPageAfter(after).ConfigureAwait(false);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var (seq, pair) in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                after = seq;
                yield return pair;
            }
        }
    }
}
