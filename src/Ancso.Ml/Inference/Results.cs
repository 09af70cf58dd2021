using Ancso.Ml.Content;
using Ancso.Ml.Metrics;
using Ancso.Ml.Reasons;

namespace Ancso.Ml.Inference;

/// <summary>The score of one item.</summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="Score">The score: higher is better. Model and heuristic scores are on different scales; compare only scores of one provenance.</param>
/// <param name="Metrics">The item's metrics, as fed to the model or the heuristic.</param>
/// <param name="Provenance">Where the score came from.</param>
public sealed record ItemScore(string ItemId, float Score, ContentMetrics Metrics, ScoreProvenance Provenance)
{
    /// <summary>Gets the model's version, or <see langword="null"/> for a heuristic score.</summary>
    public string? ModelVersion => Provenance.ModelVersion;
}

/// <summary>Which of two items is preferred.</summary>
public enum Preference
{
    /// <summary>The first item (A) is better.</summary>
    A,

    /// <summary>The second item (B) is better.</summary>
    B,

    /// <summary>Neither is better within the tie tolerance.</summary>
    Tie,
}

/// <summary>The comparison of two items.</summary>
/// <param name="AScore">A's score.</param>
/// <param name="BScore">B's score.</param>
/// <param name="Preference">Which is better.</param>
/// <param name="Confidence">The probability that the preferred item is better: <c>sigmoid(|aScore − bScore| / T)</c>, in [0.5, 1].</param>
/// <param name="Provenance">Where both scores came from.</param>
public sealed record ComparisonResult(float AScore, float BScore, Preference Preference, double Confidence, ScoreProvenance Provenance)
{
    /// <summary>
    /// Gets why the preferred text wins, strongest first (at most three, each a <see cref="ReasonTags"/> tag naming what
    /// the other text does worse, with a strength in [0, 1]); empty for a tie, or when the model has no reason output.
    /// </summary>
    public IReadOnlyList<ComparisonReason> Reasons { get; init; } = [];

    /// <summary>
    /// Gets where <see cref="Reasons"/> came from: the model's reason head, or, with heuristic scores, the differences
    /// of the six metrics.
    /// </summary>
    public ReasonSource ReasonSource { get; init; }
}

/// <summary>One item of a ranking.</summary>
/// <param name="Rank">1 for the best item.</param>
/// <param name="Item">The item.</param>
/// <param name="Score">Its score.</param>
public sealed record RankedItem(int Rank, ContentItem Item, float Score);

/// <summary>Items ordered best first.</summary>
/// <param name="Items">The items, best first; ties keep the input order.</param>
/// <param name="Provenance">Where every score came from.</param>
public sealed record RankingResult(IReadOnlyList<RankedItem> Items, ScoreProvenance Provenance);
