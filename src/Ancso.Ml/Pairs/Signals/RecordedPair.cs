using Ancso.Ml.Pairs.Storage;

namespace Ancso.Ml.Pairs.Signals;

/// <summary>The outcome of recording a training signal.</summary>
/// <param name="PairId">The pair's id.</param>
/// <param name="ItemAId">The id of item A.</param>
/// <param name="ItemBId">The id of item B.</param>
/// <param name="Better">The better side.</param>
/// <param name="Source">The source, one of <see cref="PairSources.All"/>.</param>
/// <param name="IsNew">
/// <see langword="true"/> when the pair was stored by this call; <see langword="false"/> when a pair with this id was
/// already stored (a retried call), in which case nothing changed.
/// </param>
public sealed record RecordedPair(string PairId, string ItemAId, string ItemBId, PairSide Better, string Source, bool IsNew)
{
    /// <summary>Gets the label: <c>1</c> when A is better, <c>-1</c> when B is.</summary>
    public int Label => Better == PairSide.A ? 1 : -1;

    /// <summary>Gets the pseudonym the store keeps for the person who made the judgement, or <see langword="null"/> when unattributed.</summary>
    public string? Rater { get; init; }
}
