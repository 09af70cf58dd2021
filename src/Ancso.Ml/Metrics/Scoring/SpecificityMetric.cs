using Ancso.Ml.Metrics.Analysis;
using static Ancso.Ml.Metrics.Scoring.ScoreMath;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>
/// <c>specificity</c>: how concrete the text is — named tools, scopes and figures tied to something — rather than generic.
/// <code>
/// named    = distinct technologies + 0.6·min(6, distinct proper nouns) + 0.4·min(6, distinct fields)
///            + 0.5·min(4, code spans)
/// figures  = min(quantified figures, figure cap) + ½·min(2, years) + ½·min(2, from–to comparisons)
/// specific = (1 − e^(−(named + 1.5·figures)/target))
///            · e^(−4·vague) · e^(−2·hedges) · e^(−3·buzz) · Cut(bare numbers/numbers, 0.35) · 0.7^(inflated figures)
///            · Cut(list wall, 0.5) · Cut(stuffing, 0.4)
/// </code>
/// Figures only count when tied to a unit, currency, percentage or countable object, and never beyond the cap, so
/// piling up numbers does not buy specificity.
/// </summary>
internal static class SpecificityMetric
{
    /// <summary>Computes specificity.</summary>
    /// <param name="stats">The counts.</param>
    /// <param name="m">The shared inputs.</param>
    /// <returns>Specificity in [0, 1].</returns>
    public static double Compute(in TextStats stats, in MetricInputs m)
    {
        var named = stats.DistinctTech + (0.6 * Math.Min(6, stats.DistinctProperNouns)) + (0.4 * Math.Min(6, stats.DistinctDomain))
            + (0.5 * Math.Min(4, stats.CodeSpans));
        var figures = Math.Min(stats.Quantified, m.Profile.FigureCap) + (0.5 * Math.Min(2, stats.Years))
            + (0.5 * Math.Min(2, stats.Comparisons));
        var concreteness = Saturate(named + (1.5 * figures), m.Profile.SpecificityTarget);
        var bareShare = stats.Numbers == 0 ? 0 : (double)stats.BareNumbers / stats.Numbers;
        var penalties = Decay(m.Vagueness, 4) * Decay(m.Hedging, 2) * Decay(m.Buzz, 3) * Cut(bareShare, 0.35)
            * Math.Pow(0.7, stats.Inflated) * Cut(m.Wall, 0.5) * Cut(m.Stuffing, 0.4);
        return Unit(concreteness * penalties);
    }
}
