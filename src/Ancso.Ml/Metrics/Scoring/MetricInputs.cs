using Ancso.Ml.Metrics.Analysis;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>The rates and penalties several metrics share, derived once from the counts and the section profile.</summary>
internal readonly struct MetricInputs
{
    /// <summary>Derives the inputs.</summary>
    /// <param name="stats">The counts; <see cref="TextStats.Words"/> is positive.</param>
    /// <param name="profile">The section profile.</param>
    public MetricInputs(in TextStats stats, SectionProfile profile)
    {
        Profile = profile;
        Words = Math.Max(1, stats.Words);
        Sentences = Math.Max(1, stats.Sentences);
        ContentWords = Math.Max(1, stats.ContentWords);
        WordsPerSentence = Words / Sentences;
        Length = stats.VisibleChars + Math.Max(0, stats.Words - 1);
        LengthFit = ScoreMath.RangeFit(Length, profile.IdealLength.Low, profile.IdealLength.High, 0.5);
        SentenceFit = ScoreMath.RangeFit(stats.Sentences, profile.IdealSentences.Low, profile.IdealSentences.High, 1.0);
        Buzz = (stats.Buzzwords + (1.5 * stats.Cliches)) / Words;
        Hedging = stats.Hedges / Words;
        Vagueness = stats.Vague / Words;
        Filler = (stats.Fillers + (2.0 * stats.FillerPhrases)) / Words;
        PassiveRate = stats.Passives / Sentences;
        WeakRate = stats.WeakVerbs / Sentences;
        LongSentenceShare = stats.LongSentences / Sentences;
        var upperShare = stats.Letters >= 12 ? (double)stats.UpperLetters / stats.Letters : 0;
        Shout = ScoreMath.Unit(Math.Max(1.5 * stats.ShoutWords / Words, (upperShare - 0.5) / 0.35));
        EmojiExcess = Math.Max(0, stats.Emoji - profile.EmojiAllowance) / (Words + stats.Emoji);
        Wall = ScoreMath.Unit(Math.Max(
            (stats.MaxShortSegmentRun - profile.ListRunAllowance) / 4.0,
            (stats.Hashtags - 3) / 4.0));
        var markupShare = (double)stats.MarkupChars / Math.Max(1, stats.MarkupChars + stats.VisibleChars);
        var badgeShare = stats.Badges / (stats.Badges + (Words / 8.0));
        MarkupNoise = ScoreMath.Unit(Math.Max((markupShare - 0.35) / 0.5, (badgeShare - 0.2) / 0.6));
        Stuffing = ScoreMath.Unit((1.5 * stats.KeywordExcess / Math.Max(1, stats.KeywordTokens)) + (0.25 * stats.AdjacentRepeats));
        RepeatRatio = stats.RepeatExcess / ContentWords;
        KeywordDensity = stats.KeywordTokens / ContentWords;
        ExtraExclamations = Math.Max(0, stats.Exclamations - 1);
    }

    /// <summary>Gets the section profile.</summary>
    public SectionProfile Profile { get; }

    /// <summary>Gets the number of words (at least 1).</summary>
    public double Words { get; }

    /// <summary>Gets the number of sentences (at least 1).</summary>
    public double Sentences { get; }

    /// <summary>Gets the number of content words (at least 1).</summary>
    public double ContentWords { get; }

    /// <summary>Gets the mean words per sentence.</summary>
    public double WordsPerSentence { get; }

    /// <summary>Gets the visible length in characters: non-space characters outside markup plus one space between words.</summary>
    public double Length { get; }

    /// <summary>Gets the fit of <see cref="Length"/> to the section's ideal range.</summary>
    public double LengthFit { get; }

    /// <summary>Gets the fit of the sentence count to the section's ideal range.</summary>
    public double SentenceFit { get; }

    /// <summary>Gets buzzwords plus 1.5 × clichés, per word.</summary>
    public double Buzz { get; }

    /// <summary>Gets hedges per word.</summary>
    public double Hedging { get; }

    /// <summary>Gets vague words per word.</summary>
    public double Vagueness { get; }

    /// <summary>Gets filler words plus 2 × filler phrases, per word.</summary>
    public double Filler { get; }

    /// <summary>Gets passive constructions per sentence.</summary>
    public double PassiveRate { get; }

    /// <summary>Gets weak verbs and phrases per sentence.</summary>
    public double WeakRate { get; }

    /// <summary>Gets the share of sentences over 30 words.</summary>
    public double LongSentenceShare { get; }

    /// <summary>Gets how much the text shouts (ALL-CAPS words, upper-case share), in [0, 1].</summary>
    public double Shout { get; }

    /// <summary>Gets emoji beyond the section's allowance, per token.</summary>
    public double EmojiExcess { get; }

    /// <summary>Gets how much the text is a keyword or hashtag list, in [0, 1].</summary>
    public double Wall { get; }

    /// <summary>Gets how much markup (badges, images, HTML, URLs) crowds out prose, in [0, 1].</summary>
    public double MarkupNoise { get; }

    /// <summary>Gets keyword stuffing (repeats beyond the allowance, adjacent duplicates), in [0, 1].</summary>
    public double Stuffing { get; }

    /// <summary>Gets content-word repeats beyond a length-scaled allowance, per content word.</summary>
    public double RepeatRatio { get; }

    /// <summary>Gets keyword occurrences per content word.</summary>
    public double KeywordDensity { get; }

    /// <summary>Gets exclamation marks beyond the first.</summary>
    public double ExtraExclamations { get; }
}
