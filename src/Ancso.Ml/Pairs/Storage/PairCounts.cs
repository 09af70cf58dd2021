namespace Ancso.Ml.Pairs.Storage;

/// <summary>How many pairs match a filter, in total and broken down.</summary>
/// <param name="Total">The number of pairs.</param>
/// <param name="BySource">Pairs per source, keys in ordinal order; sources without pairs are absent.</param>
/// <param name="ByPlatform">Pairs per platform, keys in ordinal order.</param>
/// <param name="BySection">Pairs per section, keys in ordinal order.</param>
public sealed record PairCounts(
    int Total,
    IReadOnlyDictionary<string, int> BySource,
    IReadOnlyDictionary<string, int> ByPlatform,
    IReadOnlyDictionary<string, int> BySection);
