namespace Ancso.Ml.Learning.Dataset;

/// <summary>One line of <c>dataset.jsonl</c>: a training pair with both feature vectors.</summary>
public sealed class PairDatasetRow
{
    /// <summary>Gets the 1-based line the row was read from.</summary>
    public required long LineNumber { get; init; }

    /// <summary>Gets the pair's id in the pair store.</summary>
    public required string PairId { get; init; }

    /// <summary>Gets item A's id.</summary>
    public required string AId { get; init; }

    /// <summary>Gets item B's id.</summary>
    public required string BId { get; init; }

    /// <summary>Gets the platform of both items.</summary>
    public required string Platform { get; init; }

    /// <summary>Gets the section of both items.</summary>
    public required string Section { get; init; }

    /// <summary>Gets the label: <c>1</c> when A is better, <c>-1</c> when B is.</summary>
    public required int Label { get; init; }

    /// <summary>Gets the source, one of <see cref="PairSources.All"/>.</summary>
    public required string Source { get; init; }

    /// <summary>Gets the reason or degradation tags.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Gets the pseudonym of the person who made the judgement, or <see langword="null"/> when unattributed.</summary>
    public string? Rater { get; init; }

    /// <summary>Gets when the pair was stored.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets A's feature vector: the embedding, then the metrics.</summary>
    public required float[] AFeatures { get; init; }

    /// <summary>Gets B's feature vector.</summary>
    public required float[] BFeatures { get; init; }
}
