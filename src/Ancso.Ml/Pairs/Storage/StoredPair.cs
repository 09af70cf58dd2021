namespace Ancso.Ml.Pairs.Storage;

/// <summary>A training pair in the pair store.</summary>
/// <param name="Id">The pair's id.</param>
/// <param name="ItemA">The first item.</param>
/// <param name="ItemB">The second item; same platform and section as <paramref name="ItemA"/>.</param>
/// <param name="Better">The better side.</param>
/// <param name="Source">The source, one of <see cref="PairSources.All"/>.</param>
/// <param name="Tags">The reason or degradation tags.</param>
/// <param name="Note">The note, or <see langword="null"/>.</param>
/// <param name="CreatedAt">When the pair was stored.</param>
public sealed record StoredPair(
    string Id,
    StoredItem ItemA,
    StoredItem ItemB,
    PairSide Better,
    string Source,
    IReadOnlyList<string> Tags,
    string? Note,
    DateTimeOffset CreatedAt)
{
    /// <summary>Gets the label: <c>1</c> when A is better, <c>-1</c> when B is.</summary>
    public int Label => Better == PairSide.A ? 1 : -1;

    /// <summary>Gets the platform of both items.</summary>
    public string Platform => ItemA.Platform;

    /// <summary>Gets the section of both items.</summary>
    public string Section => ItemA.Section;

    /// <summary>
    /// Gets the pair's sequence number in its store: increasing in the order pairs were stored, never given twice (not
    /// even after an erasure). 0 when the pair did not come from a store.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>Gets the pseudonym of the person who made the judgement (see <see cref="NewPair.Rater"/>), or <see langword="null"/> when unattributed.</summary>
    public string? Rater { get; init; }
}
