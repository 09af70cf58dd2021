
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>One labelled bootstrap pair: two texts of one platform and section, and which is better.</summary>
/// <param name="Platform">The platform of both texts.</param>
/// <param name="Section">The section of both texts.</param>
/// <param name="TextA">Text A.</param>
/// <param name="TextB">Text B.</param>
/// <param name="Label"><c>1</c> when A is better, <c>-1</c> when B is.</param>
/// <param name="Tags">The degradation tag (see <see cref="DegradationTags"/>), or <see cref="DegradationTags.HeuristicMargin"/> for cross-text pairs.</param>
/// <param name="Kind"><see cref="BootstrapPairKinds.Degradation"/> or <see cref="BootstrapPairKinds.CrossText"/>.</param>
/// <param name="ProfileIds">The benchmark profiles the texts come from: one for a degradation pair, two for a cross-text pair.</param>
public sealed record BootstrapPair(
    string Platform,
    string Section,
    string TextA,
    string TextB,
    int Label,
    IReadOnlyList<string> Tags,
    string Kind,
    IReadOnlyList<string> ProfileIds)
{
    /// <summary>Gets the better text of the pair.</summary>
    public string BetterText => Label > 0 ? TextA : TextB;

    /// <summary>Gets the worse text of the pair.</summary>
    public string WorseText => Label > 0 ? TextB : TextA;

    /// <summary>Gets the heuristic score margin of a cross-text pair (better minus worse).</summary>
    /// <value>Default: <see langword="null"/> (degradation pairs).</value>
    public float? HeuristicMargin { get; init; }
}
