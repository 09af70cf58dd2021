using Ancso.Ml.Metrics.Analysis;
using static Ancso.Ml.Metrics.Scoring.ScoreMath;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>
/// <c>keyword_score</c>: coverage of the section's vocabulary (technologies, fields, roles, and per section outcomes,
/// project kinds or README topics), penalised for stuffing.
/// <code>
/// coverage = 1 − e^(−1.5·distinct keywords/target)                      (target per section)
/// keyword  = coverage · UpperFit(keywords/content word, density limit, 0.25)
///            · Cut(stuffing, 0.8) · Cut(list wall, 0.7) · e^(−2·buzz) · Cut(2·repeats, 0.5) · Cut(markup noise, 0.5)
///            · Cut(shout, 0.3)
///            · (0.6 + 0.4·length fit)
/// stuffing = 1.5·(keyword occurrences beyond the allowance)/(keyword occurrences) + ¼·(adjacent duplicates)
/// </code>
/// </summary>
internal static class KeywordMetric
{
    /// <summary>Computes the keyword score.</summary>
    /// <param name="stats">The counts.</param>
    /// <param name="m">The shared inputs.</param>
    /// <returns>The keyword score in [0, 1].</returns>
    public static double Compute(in TextStats stats, in MetricInputs m)
    {
        var coverage = Saturate(stats.DistinctKeywords, m.Profile.KeywordTarget / 1.5);
        var density = UpperFit(m.KeywordDensity, m.Profile.KeywordDensityLimit, 0.25);
        var penalties = Cut(m.Stuffing, 0.8) * Cut(m.Wall, 0.7) * Decay(m.Buzz, 2) * Cut(2 * m.RepeatRatio, 0.5) * Cut(m.MarkupNoise, 0.5)
            * Cut(m.Shout, 0.3);
        return Unit(coverage * density * penalties * (0.6 + (0.4 * m.LengthFit)));
    }
}
