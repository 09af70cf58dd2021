using System.ComponentModel.DataAnnotations;

namespace Ancso.Ml.Learning.Influence;

/// <summary>
/// How much any one person can teach the model. Every training source (an exported dataset of either layout, the pair
/// store, pairs in memory) goes through <see cref="InfluenceLimiter"/> with these options; see
/// <c>docs/trusting-choices.md</c>.
/// </summary>
public sealed class InfluenceLimitOptions
{
    /// <summary>The default of <see cref="MaxRaterShare"/>: 0.05, chosen by measurement (docs/trusting-choices.md).</summary>
    public const double DefaultMaxRaterShare = 0.05;

    /// <summary>
    /// Gets or sets the largest share of the human weight (the loss weight of every pair not from bootstrap) that one
    /// rater's votes may carry; a heavier rater's votes are scaled down together until the share holds. The cap never
    /// cuts a rater below the typical rater's weight (the lower median), so with few raters (fewer than
    /// <c>1 / MaxRaterShare</c>, where the share cannot hold for everyone) each rater keeps up to what a typical rater
    /// has: a flood then counts as one typical person. 1 turns the cap off.
    /// </summary>
    /// <value>Default: 0.05.</value>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double MaxRaterShare { get; set; } = DefaultMaxRaterShare;

    /// <summary>
    /// Gets or sets whether choices without a rater are trusted: each counts as a rater of its own, as a manual label
    /// an operator gives from the command line would. When <see langword="false"/>, all unattributed choices together
    /// count as one rater (one vote per pair, one share), so an anonymous flood is bounded like a single person.
    /// </summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool TrustUnattributed { get; set; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxRaterShare"/> is not in (0, 1].</exception>
    public void Validate()
    {
        if (!(MaxRaterShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRaterShare), MaxRaterShare,
                "InfluenceLimitOptions.MaxRaterShare is a share of the human weight in (0, 1] (for example 0.05); 1 turns the cap off.");
        }
    }
}
