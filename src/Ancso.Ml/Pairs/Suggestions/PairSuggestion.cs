using Ancso.Ml.Inference;

namespace Ancso.Ml.Pairs.Suggestions;

/// <summary>A pair of stored items worth asking a person about.</summary>
/// <param name="ItemA">The first item.</param>
/// <param name="ItemB">The second item, of the same platform and section.</param>
/// <param name="AScore">The active model's (or the heuristic's) score of <paramref name="ItemA"/>.</param>
/// <param name="BScore">The score of <paramref name="ItemB"/>.</param>
/// <param name="Confidence">The calibrated confidence of the scorer's preference, from 0.5 (a coin toss) to 1.</param>
/// <param name="Provenance">Where the scores came from.</param>
public sealed record PairSuggestion(StoredItem ItemA, StoredItem ItemB, float AScore, float BScore, double Confidence, ScoreProvenance Provenance);
