namespace Ancso.Ml.Pairs;

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
    /// (pairs are never changed or removed, so this is a consistent set; pairs stored meanwhile are left out). Pairs are
    /// read in small pages as the caller iterates, so memory stays flat and no long transaction holds the store.
    /// </summary>
    /// <param name="filter">Which pairs; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pairs.</returns>
    IAsyncEnumerable<StoredPair> StreamPairsAsync(PairFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the embeddings cached in the store, per generator and dimension.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One entry per generator and dimension, ordered by generator id then dimension.</returns>
    Task<IReadOnlyList<CachedEmbeddingSet>> ListCachedEmbeddingsAsync(CancellationToken cancellationToken = default);
}
