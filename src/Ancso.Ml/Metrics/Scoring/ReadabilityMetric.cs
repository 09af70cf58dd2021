using Ancso.Ml.Metrics.Analysis;
using static Ancso.Ml.Metrics.Scoring.ScoreMath;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>
/// <c>readability</c>: sentence- and word-level ease of reading, from the Flesch reading-ease formula.
/// <code>
/// units = sentences (list segments too, for sections not written in sentences)
/// FRE   = 206.835 − 1.015·words/unit − 84.6·syllables/word
/// read  = 1/(1 + e^(−(FRE − 30)/15))
///         · Cut(long-sentence share, 0.35) · e^(−max(0, longest sentence − 40)/40) · (0.85 for a 700+ character
///         single-line block in a sectioned format) · Cut(shout, 0.5) · e^(−3·emoji excess) · Cut(markup noise, 0.5)
///         · Cut(list wall, 0.3)
/// </code>
/// </summary>
internal static class ReadabilityMetric
{
    /// <summary>Computes readability.</summary>
    /// <param name="stats">The counts.</param>
    /// <param name="m">The shared inputs.</param>
    /// <returns>Readability in [0, 1].</returns>
    public static double Compute(in TextStats stats, in MetricInputs m)
    {
        var units = m.Profile.FullSentences ? m.Sentences : Math.Max(m.Sentences, stats.Segments);
        var ease = 206.835 - (1.015 * m.Words / units) - (84.6 * stats.Syllables / m.Words);
        var baseline = 1 / (1 + Math.Exp(-(ease - 30) / 15));
        var wallOfText = m.Length > 700 && stats.Lines <= 1 && m.Profile.Kind is SectionKind.About or SectionKind.Readme
            or SectionKind.Experience ? 0.85 : 1;
        var penalties = Cut(m.LongSentenceShare, 0.35) * Decay(Math.Max(0, stats.MaxSentenceWords - 40) / 40.0, 1) * wallOfText
            * Cut(m.Shout, 0.5) * Decay(m.EmojiExcess, 3) * Cut(m.MarkupNoise, 0.5) * Cut(m.Wall, 0.3);
        return Unit(baseline * penalties);
    }
}
