using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>The targets one section is scored against. See <c>docs/metrics.md</c> for the values per section.</summary>
internal sealed record SectionProfile
{
    /// <summary>Gets the section.</summary>
    public required SectionKind Kind { get; init; }

    /// <summary>Gets the ideal length range in characters (inclusive); no penalty inside it.</summary>
    public required (double Low, double High) IdealLength { get; init; }

    /// <summary>Gets the ideal number of sentences (a line without end punctuation counts as one).</summary>
    public required (double Low, double High) IdealSentences { get; init; }

    /// <summary>Gets the words per sentence above which clarity starts to fall.</summary>
    public required double ComfortableSentenceWords { get; init; }

    /// <summary>Gets whether the section is written in full sentences; if not, list segments count as reading units.</summary>
    public required bool FullSentences { get; init; }

    /// <summary>Gets the word classes that count as the section's keywords.</summary>
    public required WordClass KeywordClasses { get; init; }

    /// <summary>Gets the number of distinct keywords at which coverage is about 78%.</summary>
    public required double KeywordTarget { get; init; }

    /// <summary>Gets the share of content words that may be keywords before the text reads as stuffed.</summary>
    public required double KeywordDensityLimit { get; init; }

    /// <summary>Gets how often one keyword may occur in a short text before further occurrences count as stuffing.</summary>
    public required int KeywordRepeats { get; init; }

    /// <summary>Gets the longest run of 1–3-word list segments that is normal for the section.</summary>
    public required int ListRunAllowance { get; init; }

    /// <summary>Gets the impact evidence expected per sentence, and its floor and ceiling.</summary>
    public required (double PerSentence, double Min, double Max) ImpactExpectation { get; init; }

    /// <summary>
    /// Gets the impact evidence each named focus term (technology or field, at most two) adds, for sections that state
    /// their value by naming what they work on rather than with verbs (headline, bio, repository description).
    /// </summary>
    public double FocusEvidence { get; init; }

    /// <summary>Gets the specificity evidence at which specificity is about 63%.</summary>
    public required double SpecificityTarget { get; init; }

    /// <summary>Gets the most quantified figures specificity rewards.</summary>
    public required int FigureCap { get; init; }

    /// <summary>Gets the number of emoji that cost nothing.</summary>
    public required int EmojiAllowance { get; init; }
}
