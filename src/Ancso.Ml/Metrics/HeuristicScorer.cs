namespace Ancso.Ml.Metrics;

/// <summary>
/// The fallback score used when no model is usable: <c>clarity·0.3 + impact·0.4 + keyword_score·0.3</c>,
/// exactly as the original system defines it.
/// </summary>
public static class HeuristicScorer
{
    /// <summary>Weight of <see cref="MetricNames.Clarity"/>.</summary>
    public const double ClarityWeight = 0.3;

    /// <summary>Weight of <see cref="MetricNames.Impact"/>.</summary>
    public const double ImpactWeight = 0.4;

    /// <summary>Weight of <see cref="MetricNames.KeywordScore"/>.</summary>
    public const double KeywordScoreWeight = 0.3;

    /// <summary>Scores metrics with the heuristic formula.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>A score in [0, 1].</returns>
    public static float Score(in ContentMetrics metrics) =>
        (float)((metrics.Clarity * ClarityWeight) + (metrics.Impact * ImpactWeight) + (metrics.KeywordScore * KeywordScoreWeight));
}
