using Ancso.Ml.Metrics.Analysis;
using static Ancso.Ml.Metrics.Scoring.ScoreMath;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>
/// <c>impact</c>: how strongly the text shows action and outcomes.
/// <code>
/// evidence = action leads + ½·other action verbs + 1.5·outcomes + from–to comparisons
///            + ¼·min(4, quantified figures that are not outcomes)
///            + focus evidence · min(2, distinct technologies and fields)          (headline, bio, repo description: 0.35)
/// expected = clamp(per-sentence expectation · sentences, min, max)        (section profile)
/// impact   = (1 − e^(−1.2·evidence/expected))
///            · Cut(weak verbs/sentence, 0.45) · Cut(passives/sentence, 0.3) · e^(−3·buzz) · e^(−2·(hedges + vague))
///            · 0.55^(inflated figures) · Cut(list wall, 0.5) · Cut(stuffing, 0.5) · Cut(shout, 0.5)
///            · (0.7 + 0.3·length fit)
/// </code>
/// </summary>
internal static class ImpactMetric
{
    /// <summary>Computes impact.</summary>
    /// <param name="stats">The counts.</param>
    /// <param name="m">The shared inputs.</param>
    /// <returns>Impact in [0, 1].</returns>
    public static double Compute(in TextStats stats, in MetricInputs m)
    {
        var evidence = stats.ActionLeads + (0.5 * (stats.ActionVerbs - stats.ActionLeads)) + (1.5 * stats.Outcomes)
            + stats.Comparisons + (0.25 * Math.Clamp(stats.Quantified - stats.Outcomes, 0, 4))
            + (m.Profile.FocusEvidence * Math.Min(2, stats.DistinctTech + stats.DistinctDomain));
        var (perSentence, min, max) = m.Profile.ImpactExpectation;
        var expected = Math.Clamp(perSentence * m.Sentences, min, max);
        var strength = Saturate(evidence, expected / 1.2);
        var penalties = Cut(m.WeakRate, 0.45) * Cut(m.PassiveRate, 0.3) * Decay(m.Buzz, 3) * Decay(m.Hedging + m.Vagueness, 2)
            * Math.Pow(0.55, stats.Inflated) * Cut(m.Wall, 0.5) * Cut(m.Stuffing, 0.5) * Cut(m.Shout, 0.5);
        return Unit(strength * penalties * (0.7 + (0.3 * m.LengthFit)));
    }
}
