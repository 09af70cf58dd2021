namespace Ancso.Ml.Training.Data;

/// <summary>
/// Cleaned training data: each distinct item's feature vector once (row-major <c>[ItemCount, Width]</c>, at the start of
/// <see cref="Features"/>, which may be longer) and the pairs as indices into it, each with its loss weight, after the
/// influence limits (<see cref="Influence"/>).
/// </summary>
internal sealed class PairSet
{
    public required int Width { get; init; }

    /// <summary>Gets the feature rows; values past <c>ItemCount × Width</c> are unused capacity.</summary>
    public required float[] Features { get; init; }

    /// <summary>Gets the <c>ItemCount × Width</c> feature values in use.</summary>
    public ReadOnlySpan<float> FeatureRows => Features.AsSpan(0, ItemCount * Width);

    public required string[] ItemIds { get; init; }

    public int ItemCount => ItemIds.Length;

    /// <summary>Gets item A of each pair.</summary>
    public required int[] A { get; init; }

    /// <summary>Gets item B of each pair.</summary>
    public required int[] B { get; init; }

    /// <summary>Gets each pair's label: +1 when A is better, −1 when B is.</summary>
    public required float[] Labels { get; init; }

    /// <summary>Gets each pair's label source.</summary>
    public required string[] Sources { get; init; }

    /// <summary>Gets each pair's loss weight: its source weight under the influence limits, summed over agreeing votes.</summary>
    public required float[] Weights { get; init; }

    /// <summary>
    /// Gets how many votes each pair counts as in the reported accuracies and the temperature fit: its weight over its
    /// source's weight (1 for one uncapped vote, less for a capped rater's, more where raters agreed). Pairs of
    /// different sources count alike, as before, while a capped flood counts as little as it weighs.
    /// </summary>
    public required float[] Votes { get; init; }

    /// <summary>
    /// Gets each pair's reason: the index in <see cref="Reasons.ReasonTags.All"/> of its first tag that names one (after
    /// <see cref="Reasons.ReasonTags.Normalize"/>), or -1; empty when no pair has one.
    /// </summary>
    public int[] ReasonTargets { get; init; } = [];

    public int PairCount => A.Length;

    public required int PairsRead { get; init; }

    public required int DuplicatesDropped { get; init; }

    public required int ContradictionsDropped { get; init; }

    /// <summary>Gets what the influence limits did.</summary>
    public required InfluenceReport Influence { get; init; }
}
