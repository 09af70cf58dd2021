using Ancso.Ml.Metrics.Analysis;
using Ancso.Ml.Metrics.Scoring;

namespace Ancso.Ml.Metrics;

/// <summary>
/// The built-in metrics analyzer: one linear scan of the text (<see cref="TextScanner"/>) counts words, sentences,
/// list segments, markup, word classes from static lexicons and figures with what they refer to; six formulas turn
/// those counts, judged against the section's profile (<see cref="SectionProfiles"/>), into metrics in [0, 1].
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>clarity</c> — sentence length against the section's comfort, passive voice, hedges, vague words, filler,
/// buzzwords and clichés, shouting, emoji spam, keyword walls, markup noise, stuffing, length fit
/// (<see cref="ClarityMetric"/>).</item>
/// <item><c>impact</c> — action verbs (most when they lead a sentence, bullet or segment), quantified outcomes, from–to
/// comparisons, against the evidence the section expects; weak verbs, passives, buzzwords and inflated figures
/// ("1000%", "10x everything") cut it (<see cref="ImpactMetric"/>).</item>
/// <item><c>relevance</c> — length and sentence-count fit to the section, the section's form (a headline's role and
/// focus, a README's headings and prose, a repository description's one sentence of what it does), topical vocabulary
/// (<see cref="RelevanceMetric"/>).</item>
/// <item><c>keyword_score</c> — coverage of the section's vocabulary, cut by repetition beyond an allowance, adjacent
/// duplicates, keyword density, comma- or pipe-separated keyword walls (<see cref="KeywordMetric"/>).</item>
/// <item><c>specificity</c> — named technologies, proper nouns, fields, code, and figures tied to a unit or object (capped);
/// vague words, buzzwords, bare and inflated numbers cut it (<see cref="SpecificityMetric"/>).</item>
/// <item><c>readability</c> — Flesch reading ease (words per sentence, syllables per word) mapped through a logistic
/// curve, with penalties for very long sentences and noise (<see cref="ReadabilityMetric"/>).</item>
/// </list>
/// Every length has an ideal range per section with smooth penalties on both sides, so longer is not better. Text with
/// no words (empty, whitespace, only emoji or markup) scores 0 on every metric. The analyzer holds no state: it is
/// deterministic, culture-invariant and thread-safe. Full formulas: <c>docs/metrics.md</c>.
/// </remarks>
public sealed class ContentMetricsAnalyzer : IContentMetricsAnalyzer
{
    /// <summary>Analyzes a text. The section selects the targets; section names are unique across platforms, so the
    /// platform is not needed, and an unknown section (or platform) is analyzed with the generic profile.</summary>
    /// <param name="platform">The platform; not used for scoring.</param>
    /// <param name="section">The section; unknown or <see langword="null"/> means generic.</param>
    /// <param name="text">The text; <see langword="null"/> is treated as empty.</param>
    /// <returns>Six finite metrics in [0, 1].</returns>
    public ContentMetrics Analyze(string platform, string section, string text)
    {
        var profile = SectionProfiles.For(section);
        var stats = TextScanner.Scan(text.AsSpan(), profile.KeywordClasses, profile.KeywordRepeats);
        if (stats.Words == 0)
        {
            return default;
        }

        var inputs = new MetricInputs(stats, profile);
        return new ContentMetrics(
            Clarity: ToFloat(ClarityMetric.Compute(stats, inputs)),
            Impact: ToFloat(ImpactMetric.Compute(stats, inputs)),
            Relevance: ToFloat(RelevanceMetric.Compute(stats, inputs)),
            KeywordScore: ToFloat(KeywordMetric.Compute(stats, inputs)),
            Specificity: ToFloat(SpecificityMetric.Compute(stats, inputs)),
            Readability: ToFloat(ReadabilityMetric.Compute(stats, inputs)));
    }

    private static float ToFloat(double value) => (float)ScoreMath.Unit(value);
}
