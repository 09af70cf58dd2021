using Ancso.Ml.Reasons;

namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// The tags bootstrap stores with its pairs. Each degradation's tag is a flaw of the reason vocabulary
/// (<see cref="ReasonTags"/>): it names how the worse text was derived from a benchmark text, and so why the better text
/// wins, which is what the reason head learns from.
/// </summary>
internal static class DegradationTags
{
    /// <summary>The tag of cross-text pairs, whose label comes from a large heuristic quality margin: <c>heuristic_margin</c>.</summary>
    public const string HeuristicMargin = "heuristic_margin";

    /// <summary>Gets every degradation tag (not <see cref="HeuristicMargin"/>): the vocabulary's flaws, without the metric names.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ReasonTags.All.Where(tag => !MetricNames.All.Contains(tag, StringComparer.Ordinal))];
}
