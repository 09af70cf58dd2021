using Ancso.Ml.Pairs.Erasure;

namespace Ancso.Ml.Pairs.Storage;

/// <summary>
/// Stores the items and pairs the ranker learns from. The built-in store is a SQLite file, safe to share between the
/// threads and the processes of one machine; a host may register another (for example a PostgreSQL store).
/// </summary>
public interface IPairStore
{
    /// <summary>
    /// Stores pairs, all or none, in one transaction. Items are created on first sight. A pair whose id is already
    /// stored is skipped, so retrying a call never duplicates a pair.
    /// </summary>
    /// <param name="pairs">The pairs.</param>
    /// <param name="cancellationToken">Cancels the write; nothing of the call is stored then.</param>
    /// <returns>The number of pairs newly stored.</returns>
    /// <exception cref="ArgumentException">A pair is invalid (the message names it and the field); nothing was stored.</exception>
    /// <exception cref="PairStoreException">The store cannot be used, or a pair id is already taken by a different pair; nothing was stored.</exception>
    Task<int> AddPairsAsync(IReadOnlyList<NewPair> pairs, CancellationToken cancellationToken = default);

    /// <summary>Gets an item by id.</summary>
    /// <param name="itemId">The item's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The item, or <see langword="null"/> when no item has that id.</returns>
    Task<StoredItem?> GetItemAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>Gets a pair by id.</summary>
    /// <param name="pairId">The pair's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The pair, or <see langword="null"/> when no pair has that id.</returns>
    Task<StoredPair?> GetPairAsync(string pairId, CancellationToken cancellationToken = default);

    /// <summary>Lists items, oldest first.</summary>
    /// <param name="query">Which items; <see langword="null"/> for the first 100 of all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items.</returns>
    Task<IReadOnlyList<StoredItem>> ListItemsAsync(ItemQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Counts items.</summary>
    /// <param name="platform">The platform to keep, or <see langword="null"/> for all.</param>
    /// <param name="section">The section to keep, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number of items.</returns>
    Task<int> CountItemsAsync(string? platform = null, string? section = null, CancellationToken cancellationToken = default);

    /// <summary>Counts pairs by source, platform and section.</summary>
    /// <param name="filter">Which pairs; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counts.</returns>
    Task<PairCounts> CountPairsAsync(PairFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams pairs in the order they were stored, with their items: every matching pair stored before the call began
    /// (pairs are never changed, only erased, so this is a consistent set; pairs stored meanwhile are left out, and a pair
    /// erased meanwhile may or may not be seen). Pairs are
    /// read in small pages as the caller iterates, so memory stays flat and no long transaction holds the store.
    /// </summary>
    /// <param name="filter">Which pairs; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pairs.</returns>
    IAsyncEnumerable<StoredPair> StreamPairsAsync(PairFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the store's id: a random value given to the store when it was created (or first migrated to record one),
    /// the same for every process and instance that opens it. Datasets and models record it in their fingerprint.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The id: 32 lower-case hex digits.</returns>
    Task<string> GetStoreIdAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the fingerprint of what a read of the pairs <paramref name="filter"/> matches, started now, will see: the
    /// store's id, the highest pair sequence stored so far and the erasure log's generation. Take it before streaming the
    /// pairs and leave out the pairs streamed with a higher <see cref="StoredPair.Sequence"/> (stored in between), so
    /// that the set read is exactly the one it describes.
    /// </summary>
    /// <param name="filter">The read's filter; <see langword="null"/> for all pairs.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The fingerprint.</returns>
    Task<PairStoreFingerprint> GetFingerprintAsync(PairFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases pairs, in one transaction: the pairs <paramref name="query"/> matches, the items no remaining pair uses, and
    /// the cached embeddings of texts no remaining item has; nothing of anyone else. Each erased pair's sequence number,
    /// platform, section and source (never its texts, ids or rater) are kept in the store's erasure log, which
    /// <see cref="HasErasedPairsAsync"/> reads. A store on disk makes sure the erased bytes leave its files (SQLite:
    /// secure delete, a rebuild of the file and a WAL checkpoint; PostgreSQL: a VACUUM, see docs/postgresql.md). Erasing
    /// again is a no-op.
    /// </summary>
    /// <param name="query">Which pairs.</param>
    /// <param name="dryRun">Only count what would be erased; change nothing.</param>
    /// <param name="cancellationToken">Cancels the erasure; nothing is erased then.</param>
    /// <returns>What was (or would be) erased.</returns>
    /// <exception cref="ArgumentException">The query names nothing or is malformed.</exception>
    /// <exception cref="PairStoreException">The store cannot be used; nothing was erased.</exception>
    Task<PairErasureCounts> ErasePairsAsync(PairErasureQuery query, bool dryRun = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns whether the training set <paramref name="fingerprint"/> describes held a pair that has since been erased:
    /// the store is the fingerprint's, and its erasure log holds a pair erased after the set was read (a generation above
    /// <see cref="PairStoreFingerprint.ErasureGeneration"/>), of sequence number at most
    /// <see cref="PairStoreFingerprint.MaxSequence"/>, that matches the fingerprint's filter.
    /// </summary>
    /// <param name="fingerprint">The training set.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when the set held erased data; <see langword="false"/> when it did not, or the fingerprint names another store.</returns>
    Task<bool> HasErasedPairsAsync(PairStoreFingerprint fingerprint, CancellationToken cancellationToken = default);

    /// <summary>Lists the embeddings cached in the store, per generator and dimension.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One entry per generator and dimension, ordered by generator id then dimension.</returns>
    Task<IReadOnlyList<CachedEmbeddingSet>> ListCachedEmbeddingsAsync(CancellationToken cancellationToken = default);
}
