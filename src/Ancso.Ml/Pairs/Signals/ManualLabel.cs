using Ancso.Ml.Pairs.Storage;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>A person compared two items already in the pair store and said which is better.</summary>
public sealed class ManualLabel
{
    /// <summary>Creates a label.</summary>
    /// <param name="itemAId">The id of the first item (A), for example <c>i_3f2a9c01d4e5b677</c>.</param>
    /// <param name="itemBId">The id of the second item (B); another item of the same platform and section.</param>
    /// <param name="better">The better side.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ManualLabel(string itemAId, string itemBId, PairSide better)
    {
        ArgumentNullException.ThrowIfNull(itemAId);
        ArgumentNullException.ThrowIfNull(itemBId);
        ItemAId = itemAId;
        ItemBId = itemBId;
        Better = better;
    }

    /// <summary>Gets the id of the first item (A).</summary>
    public string ItemAId { get; }

    /// <summary>Gets the id of the second item (B).</summary>
    public string ItemBId { get; }

    /// <summary>Gets the better side.</summary>
    public PairSide Better { get; }

    /// <summary>Gets the reasons, for example <c>clarity</c> and <c>impact</c>; none may be empty.</summary>
    /// <value>Default: empty.</value>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets a free-text note kept with the pair.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? Note { get; init; }

    /// <summary>
    /// Gets the host's id for the person who gave the label (a user id, an account name): 1 to 256 characters. The pair store
    /// keeps only its keyed pseudonym (<see cref="IRaterPseudonymizer"/>, <see cref="SignalOptions.RaterKey"/>), and
    /// training bounds each rater's influence: one vote per rater per pair of texts, and a cap on any one rater's share.
    /// </summary>
    /// <value>Default: <see langword="null"/>: unattributed (training pools unattributed choices as one rater unless told to trust them).</value>
    public string? RaterId { get; init; }

    /// <summary>Gets the pair's id.</summary>
    /// <value>Default: <see langword="null"/>: derived from the two items, the verdict and the rater, so one person labelling the same pair the same way twice stores it once.</value>
    public string? PairId { get; init; }
}
