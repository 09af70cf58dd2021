namespace Ancso.Ml.Training.Data;

/// <summary>One labelled pair, as a row of <c>dataset.jsonl</c> holds it.</summary>
/// <param name="PairId">The pair's id.</param>
/// <param name="AId">Item A's id; pairs sharing an item id must give it the same features.</param>
/// <param name="BId">Item B's id.</param>
/// <param name="Label"><c>1</c> when A is better, <c>-1</c> when B is.</param>
/// <param name="Source"><c>bootstrap</c>, <c>user_choice</c>, <c>before_after</c> or <c>manual</c>.</param>
/// <param name="AFeatures">A's feature vector (embedding, then metrics).</param>
/// <param name="BFeatures">B's feature vector.</param>
public sealed record TrainingPair(
    string PairId,
    string AId,
    string BId,
    int Label,
    string Source,
    ReadOnlyMemory<float> AFeatures,
    ReadOnlyMemory<float> BFeatures)
{
    /// <summary>
    /// Gets the pseudonym of the person who made the judgement (<c>r_</c> and 32 hex digits, from
    /// <c>IRaterPseudonymizer</c>), or <see langword="null"/> when unattributed; the influence limits bound each rater.
    /// </summary>
    public string? Rater { get; init; }

    /// <summary>
    /// Gets the pair's tags: the bootstrap's flaw, people's reasons. A tag of the reason vocabulary (or a known synonym,
    /// <c>Ancso.Ml.Reasons.ReasonTags.Normalize</c>) teaches the reason head why the better text wins.
    /// </summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
