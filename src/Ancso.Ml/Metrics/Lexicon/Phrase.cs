namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>A multi-word phrase, stored as its words (lower case) and what it signals.</summary>
/// <param name="Words">The words in order; at least two.</param>
/// <param name="Kind">What the phrase signals.</param>
internal sealed record Phrase(string[] Words, PhraseKind Kind);
