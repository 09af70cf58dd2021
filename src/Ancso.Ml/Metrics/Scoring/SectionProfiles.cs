using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Metrics.Scoring;

/// <summary>The profile of each known section, and the generic one for everything else.</summary>
internal static class SectionProfiles
{
    private const WordClass Vocabulary = WordClass.Tech | WordClass.Domain | WordClass.Role;

    /// <summary>Gets the LinkedIn headline profile: 40–160 characters, a role and a focus, no sentences needed.</summary>
    public static SectionProfile Headline { get; } = new()
    {
        Kind = SectionKind.Headline,
        IdealLength = (40, 160),
        IdealSentences = (1, 1),
        ComfortableSentenceWords = 18,
        FullSentences = false,
        KeywordClasses = Vocabulary,
        KeywordTarget = 3,
        KeywordDensityLimit = 0.85,
        KeywordRepeats = 1,
        ListRunAllowance = 5,
        FocusEvidence = 0.35,
        ImpactExpectation = (1.5, 1.5, 1.5),
        SpecificityTarget = 3,
        FigureCap = 2,
        EmojiAllowance = 1,
    };

    /// <summary>Gets the LinkedIn about profile: 400–2,000 characters, 3–8 sentences, first person welcome.</summary>
    public static SectionProfile About { get; } = new()
    {
        Kind = SectionKind.About,
        IdealLength = (400, 2000),
        IdealSentences = (3, 8),
        ComfortableSentenceWords = 22,
        FullSentences = true,
        KeywordClasses = Vocabulary | WordClass.Outcome,
        KeywordTarget = 7,
        KeywordDensityLimit = 0.5,
        KeywordRepeats = 3,
        ListRunAllowance = 5,
        ImpactExpectation = (0.8, 2, 6),
        SpecificityTarget = 6,
        FigureCap = 5,
        EmojiAllowance = 2,
    };

    /// <summary>Gets the LinkedIn experience profile: action-led bullets with outcomes, 60–1,500 characters.</summary>
    public static SectionProfile Experience { get; } = new()
    {
        Kind = SectionKind.Experience,
        IdealLength = (60, 1500),
        IdealSentences = (1, 8),
        ComfortableSentenceWords = 25,
        FullSentences = true,
        KeywordClasses = WordClass.Tech | WordClass.Domain | WordClass.Outcome,
        KeywordTarget = 4,
        KeywordDensityLimit = 0.55,
        KeywordRepeats = 2,
        ListRunAllowance = 5,
        ImpactExpectation = (1.6, 1.6, 10),
        SpecificityTarget = 4,
        FigureCap = 6,
        EmojiAllowance = 0,
    };

    /// <summary>Gets the GitHub bio profile: up to 160 characters, what you do and with what.</summary>
    public static SectionProfile Bio { get; } = new()
    {
        Kind = SectionKind.Bio,
        IdealLength = (30, 160),
        IdealSentences = (1, 2),
        ComfortableSentenceWords = 18,
        FullSentences = false,
        KeywordClasses = Vocabulary,
        KeywordTarget = 2.5,
        KeywordDensityLimit = 0.85,
        KeywordRepeats = 1,
        ListRunAllowance = 5,
        FocusEvidence = 0.35,
        ImpactExpectation = (1.2, 1.2, 1.5),
        SpecificityTarget = 2.5,
        FigureCap = 2,
        EmojiAllowance = 2,
    };

    /// <summary>Gets the GitHub profile README profile: headings, what you work on, links; 300–4,000 characters of prose.</summary>
    public static SectionProfile Readme { get; } = new()
    {
        Kind = SectionKind.Readme,
        IdealLength = (300, 4000),
        IdealSentences = (3, 30),
        ComfortableSentenceWords = 22,
        FullSentences = true,
        KeywordClasses = Vocabulary | WordClass.ReadmeTopic | WordClass.RepoKind,
        KeywordTarget = 7,
        KeywordDensityLimit = 0.6,
        KeywordRepeats = 3,
        ListRunAllowance = 8,
        ImpactExpectation = (0.5, 2, 6),
        SpecificityTarget = 6,
        FigureCap = 4,
        EmojiAllowance = 6,
    };

    /// <summary>Gets the GitHub repository description profile: one sentence of what it does, 40–200 characters.</summary>
    public static SectionProfile RepoDescription { get; } = new()
    {
        Kind = SectionKind.RepoDescription,
        IdealLength = (40, 200),
        IdealSentences = (1, 1),
        ComfortableSentenceWords = 25,
        FullSentences = true,
        KeywordClasses = WordClass.Tech | WordClass.Domain | WordClass.RepoKind,
        KeywordTarget = 2.5,
        KeywordDensityLimit = 0.75,
        KeywordRepeats = 1,
        ListRunAllowance = 4,
        FocusEvidence = 0.35,
        ImpactExpectation = (1, 1, 1.5),
        SpecificityTarget = 2.5,
        FigureCap = 2,
        EmojiAllowance = 1,
    };

    /// <summary>Gets the profile for unknown platforms and sections: broad ranges, general vocabulary.</summary>
    public static SectionProfile Generic { get; } = new()
    {
        Kind = SectionKind.Generic,
        IdealLength = (20, 3000),
        IdealSentences = (1, 30),
        ComfortableSentenceWords = 22,
        FullSentences = true,
        KeywordClasses = Vocabulary | WordClass.Outcome,
        KeywordTarget = 4,
        KeywordDensityLimit = 0.6,
        KeywordRepeats = 2,
        ListRunAllowance = 5,
        ImpactExpectation = (0.8, 1.5, 6),
        SpecificityTarget = 4,
        FigureCap = 4,
        EmojiAllowance = 2,
    };

    /// <summary>
    /// Returns the profile for a section. Section names are unique across the known platforms, so the section alone
    /// decides; names are matched case-insensitively after trimming, and anything unknown (or null) is generic.
    /// </summary>
    /// <param name="section">The section name.</param>
    /// <returns>The profile.</returns>
    public static SectionProfile For(string? section)
    {
        var name = section.AsSpan().Trim();
        return Is(name, ContentSections.Headline) ? Headline
            : Is(name, ContentSections.About) ? About
            : Is(name, ContentSections.Experience) ? Experience
            : Is(name, ContentSections.Bio) ? Bio
            : Is(name, ContentSections.Readme) ? Readme
            : Is(name, ContentSections.RepoDescription) ? RepoDescription
            : Generic;
    }

    private static bool Is(ReadOnlySpan<char> name, string known) => name.Equals(known, StringComparison.OrdinalIgnoreCase);
}
