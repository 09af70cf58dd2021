namespace Ancso.Ml.Pairs.Storage;

/// <summary>Adds up pair counts per source, platform and section, into a <see cref="PairCounts"/> (for pair stores and exports).</summary>
public sealed class PairCountsBuilder
{
    private readonly SortedDictionary<string, int> _bySource = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byPlatform = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _bySection = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>Adds <paramref name="count"/> pairs of one source, platform and section.</summary>
    /// <param name="source">The pairs' source.</param>
    /// <param name="platform">Their platform.</param>
    /// <param name="section">Their section.</param>
    /// <param name="count">How many.</param>
    public void Add(string source, string platform, string section, int count)
    {
        _total += count;
        Increment(_bySource, source, count);
        Increment(_byPlatform, platform, count);
        Increment(_bySection, section, count);
    }

    /// <summary>Gets the counts added so far.</summary>
    /// <returns>The counts, keys in ordinal order.</returns>
    public PairCounts Build() => new(_total, Copy(_bySource), Copy(_byPlatform), Copy(_bySection));

    private static void Increment(SortedDictionary<string, int> counts, string key, int count) =>
        counts[key] = counts.TryGetValue(key, out var value) ? value + count : count;

    private static SortedDictionary<string, int> Copy(SortedDictionary<string, int> counts) => new(counts, StringComparer.Ordinal);
}
