namespace Ancso.Ml.Learning.Dataset;

/// <summary>
/// Receives a dataset as the one reader reads it, whatever its source (<c>dataset.jsonl</c>, the compact file, the pair
/// store): items with their feature vectors, and pairs that refer to them by index. A source that does not deduplicate
/// items (JSON Lines) hands in both items of every pair; the sink gives a known id its earlier index.
/// </summary>
public interface IPairDatasetSink
{
    /// <summary>Says how many items and pairs are coming, when the source knows (a capacity hint; -1 when unknown).</summary>
    /// <param name="items">The items coming, or -1.</param>
    /// <param name="pairs">The pairs coming, or -1; never more than the source can hold.</param>
    void Reserve(int items, int pairs);

    /// <summary>Adds an item, or finds the one with this id, checking that it has the same features; returns its index.</summary>
    /// <param name="at">Where the item was read.</param>
    /// <param name="field">The field that holds its features, for error messages (<c>a_features</c>, <c>items[3]</c>).</param>
    /// <param name="id">The item's id.</param>
    /// <param name="features">Its feature vector; finite, of the dataset's width (the reader checked).</param>
    /// <returns>The item's index, for <see cref="AddPair"/>.</returns>
    int AddItem(in DatasetPosition at, string field, string id, ReadOnlySpan<float> features);

    /// <summary>Adds a pair of two items already added, with its rater's pseudonym (<see langword="null"/> when unattributed) and its tags.</summary>
    /// <param name="at">Where the pair was read.</param>
    /// <param name="pairId">The pair's id.</param>
    /// <param name="a">Item A's index, from <see cref="AddItem"/>.</param>
    /// <param name="b">Item B's index.</param>
    /// <param name="label">1 when A is better, -1 when B is.</param>
    /// <param name="source">The pair's source (<see cref="PairSources"/>).</param>
    /// <param name="rater">The rater's pseudonym, or <see langword="null"/>.</param>
    /// <param name="tags">The pair's tags (the bootstrap's flaw, people's reasons), as stored; possibly empty.</param>
    void AddPair(in DatasetPosition at, string pairId, int a, int b, int label, string source, string? rater, IReadOnlyList<string> tags);
}
