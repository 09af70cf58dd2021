namespace Ancso.Ml.Learning.Influence;

/// <summary>One judgement handed to <see cref="InfluenceLimiter"/>: two items (by index), which is better, where it came from and who made it.</summary>
/// <param name="ItemA">Item A's index.</param>
/// <param name="ItemB">Item B's index; another item.</param>
/// <param name="Label"><c>1</c> when A is better, <c>-1</c> when B is.</param>
/// <param name="Source">The source (<see cref="PairSources"/>); every source but <c>bootstrap</c> is a person's judgement.</param>
/// <param name="Rater">The rater's pseudonym, or <see langword="null"/> when unattributed.</param>
public readonly record struct PairVote(int ItemA, int ItemB, int Label, string Source, string? Rater);

/// <summary>A pair of items that training keeps, with the verdict and loss weight the votes on it add up to.</summary>
/// <param name="Vote">The index of the vote that stands for the pair (the latest on the winning side); its items, label and source are these.</param>
/// <param name="ItemA">Item A's index.</param>
/// <param name="ItemB">Item B's index.</param>
/// <param name="Label"><c>1</c> when A is better, <c>-1</c> when B is.</param>
/// <param name="Source">The source of <paramref name="Vote"/>.</param>
/// <param name="Weight">The loss weight: the winning side's weight less the losing side's, each vote weighed by its source and its rater's cap.</param>
public readonly record struct WeightedPair(int Vote, int ItemA, int ItemB, int Label, string Source, double Weight);

/// <summary>What <see cref="InfluenceLimiter.Apply"/> gives: the pairs to train on and what the limits did.</summary>
/// <param name="Pairs">The pairs kept, in the order of their standing votes.</param>
/// <param name="Report">What the limits did.</param>
public sealed record InfluenceLimitResult(IReadOnlyList<WeightedPair> Pairs, InfluenceReport Report);
