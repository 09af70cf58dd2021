using Ancso.Ml.Metrics.Analysis;
using static Ancso.Ml.Metrics.Scoring.ScoreMath;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>
/// <c>clarity</c>: how easy the text is to follow.
/// <code>
/// structure = UpperFit(words/sentence, comfortable, 0.6) · Cut(long-sentence share, 0.35)
/// voice     = Cut(passives/sentence, 0.45)
/// wording   = e^(−3.5·(hedges + ½·vague + filler)/word) · e^(−4·buzz/word)
/// noise     = Cut(shout, 0.6) · e^(−4·emoji excess) · 1/(1 + 0.15·extra "!") · Cut(list wall, 0.6)
///             · Cut(markup noise, 0.7) · Cut(stuffing + repeats, 0.6)
/// clarity   = structure · voice · wording · noise · (0.55 + 0.45·length fit)
/// </code>
/// </summary>
internal static class ClarityMetric
{
    /// <summary>Computes clarity.</summary>
    /// <param name="stats">The counts.</param>
    /// <param name="m">The shared inputs.</param>
    /// <returns>Clarity in [0, 1].</returns>
    public static double Compute(in TextStats stats, in MetricInputs m)
    {
        var structure = UpperFit(m.WordsPerSentence, m.Profile.ComfortableSentenceWords, 0.6) * Cut(m.LongSentenceShare, 0.35);
        var voice = Cut(m.PassiveRate, 0.45);
        var wording = Decay(m.Hedging + (0.5 * m.Vagueness) + m.Filler, 3.5) * Decay(m.Buzz, 4);
        var noise = Cut(m.Shout, 0.6) * Decay(m.EmojiExcess, 4) / (1 + (0.15 * m.ExtraExclamations))
            * Cut(m.Wall, 0.6) * Cut(m.MarkupNoise, 0.7) * Cut(m.Stuffing + m.RepeatRatio, 0.6);
        return Unit(structure * voice * wording * noise * (0.55 + (0.45 * m.LengthFit)));
    }
}
