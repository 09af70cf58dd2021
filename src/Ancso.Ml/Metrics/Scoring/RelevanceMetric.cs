using Ancso.Ml.Metrics.Analysis;
using static Ancso.Ml.Metrics.Scoring.ScoreMath;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>
/// <c>relevance</c>: how well the text fits its platform and section.
/// <code>
/// topical   = 1 − e^(−(distinct keywords + ½·min(4, action verbs))/keyword target)
/// relevance = (0.35·length fit + 0.15·sentence-count fit + 0.3·form + 0.2·topical)
///             · Cut(shout, 0.5) · e^(−3·emoji excess) · Cut(list wall, 0.5) · e^(−2·buzz) · Cut(markup noise, 0.6|0.8)
/// </code>
/// Form, per section: headline — a role (0.45), a focus (0.35), no first person (0.2); about — first person (0.35),
/// vocabulary (0.35), paragraphs once past 700 characters (0.3); experience — action-led sentences (0.5), an outcome
/// (0.25), vocabulary (0.25); bio — a role or focus (0.5), two focus terms (0.3), at most two sentences (0.2);
/// README — a heading (0.25), prose (0.3), a link (0.15), what the owner works on (0.3); repository description — a
/// project kind or what it does (0.5), a technology or field (0.3), no first person (0.2); other sections — 0.5 + ½·topical.
/// </summary>
internal static class RelevanceMetric
{
    /// <summary>Computes relevance.</summary>
    /// <param name="stats">The counts.</param>
    /// <param name="m">The shared inputs.</param>
    /// <returns>Relevance in [0, 1].</returns>
    public static double Compute(in TextStats stats, in MetricInputs m)
    {
        var topical = Saturate(stats.DistinctKeywords + (0.5 * Math.Min(4, stats.ActionVerbs)), m.Profile.KeywordTarget);
        var form = Form(stats, m, topical);
        var fit = (0.35 * m.LengthFit) + (0.15 * m.SentenceFit) + (0.3 * form) + (0.2 * topical);
        var markupWeight = m.Profile.Kind == SectionKind.Readme ? 0.8 : 0.6;
        var penalties = Cut(m.Shout, 0.5) * Decay(m.EmojiExcess, 3) * Cut(m.Wall, 0.5) * Decay(m.Buzz, 2) * Cut(m.MarkupNoise, markupWeight);
        return Unit(fit * penalties);
    }

    private static double Form(in TextStats s, in MetricInputs m, double topical)
    {
        var focus = s.DistinctTech + s.DistinctDomain;
        var noFirstPerson = s.FirstPerson == 0 ? 1 : 0.3;
        return m.Profile.Kind switch
        {
            SectionKind.Headline => (0.45 * Flag(s.Roles > 0)) + (0.35 * Flag(focus > 0)) + (0.2 * noFirstPerson),
            SectionKind.About => (0.35 * (s.FirstPerson > 0 ? 1 : 0.5)) + (0.35 * Unit(s.DistinctKeywords / 4.0))
                + (0.3 * (m.Length <= 700 ? 1 : s.Paragraphs >= 2 ? 1 : 0.4)),
            SectionKind.Experience => (0.5 * Unit(s.ActionLeads / m.Sentences)) + (0.25 * Flag(s.Outcomes > 0))
                + (0.25 * Flag(s.DistinctKeywords > 0)),
            SectionKind.Bio => (0.5 * Flag(s.Roles > 0 || focus > 0)) + (0.3 * Unit(focus / 2.0)) + (0.2 * (s.Sentences <= 2 ? 1 : 0.4)),
            SectionKind.Readme => (0.25 * Flag(s.HeadingLines > 0)) + (0.3 * Saturate(s.Words, 60)) + (0.15 * Flag(s.Links > 0))
                + (0.3 * Unit(s.ReadmeTopics / 2.0)),
            SectionKind.RepoDescription => (0.5 * Flag(s.RepoKinds > 0 || s.ActionVerbs > 0)) + (0.3 * Flag(focus > 0)) + (0.2 * noFirstPerson),
            _ => 0.5 + (0.5 * topical),
        };
    }

    private static double Flag(bool value) => value ? 1 : 0;
}
