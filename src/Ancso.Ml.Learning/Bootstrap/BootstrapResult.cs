
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>The pairs made by one bootstrap run, with counts and the balance check.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Seed">The seed the pairs were made with; the same seed gives the same pairs.</param>
/// <param name="Requested">The number of pairs asked for.</param>
/// <param name="Available">The number of distinct pairs the corpus allows (degradation pairs plus the capped share of cross-text pairs).</param>
/// <param name="Pairs">The pairs, in random order.</param>
public sealed record BootstrapResult(string Platform, int Seed, int Requested, int Available, IReadOnlyList<BootstrapPair> Pairs)
{
    /// <summary>Gets the number of pairs produced: the smaller of <see cref="Requested"/> and <see cref="Available"/>.</summary>
    public int Produced => Pairs.Count;

    /// <summary>Gets a message saying how many pairs were missing and why, when more were requested than available.</summary>
    /// <value>Default: <see langword="null"/> (no shortfall).</value>
    public string? Shortfall { get; init; }

    /// <summary>Gets the balance of labels, lengths, digits and keyword scores over <see cref="Pairs"/>.</summary>
    public BootstrapBalance Balance => BootstrapBalance.Of(Pairs);

    /// <summary>Gets warnings about the result, for example a balance figure outside [0.35, 0.65] on 20 or more pairs.</summary>
    /// <value>Default: empty.</value>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gets the number of pairs per section.</summary>
    public IReadOnlyDictionary<string, int> CountsBySection =>
        Pairs.GroupBy(p => p.Section, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Gets the number of pairs per tag.</summary>
    public IReadOnlyDictionary<string, int> CountsByTag =>
        Pairs.SelectMany(p => p.Tags).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Gets the number of pairs per kind (<see cref="BootstrapPairKinds"/>).</summary>
    public IReadOnlyDictionary<string, int> CountsByKind =>
        Pairs.GroupBy(p => p.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
