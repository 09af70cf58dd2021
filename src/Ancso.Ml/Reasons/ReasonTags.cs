using System.Collections.Frozen;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Reasons;

/// <summary>
/// The one vocabulary of reasons a comparison gives (<see cref="Inference.ComparisonResult.Reasons"/>): the flaws the
/// bootstrap injects into the worse text of its pairs, and the six metric names. A reason names what the losing text
/// does worse: <c>vague</c> means the other text is vague; <c>clarity</c> means the winner reads more clearly. Each tag
/// belongs to one of the six principles of the judged pairs (<see cref="PrincipleOf"/>).
/// </summary>
/// <remarks>
/// People's tags (recorded with their choices or labels) are read through <see cref="Normalize"/>, which maps common
/// synonyms (<c>padded</c>, <c>buzzword_wall</c>, <c>truncated</c>, …) to the vocabulary; tags outside it are kept in
/// the pair store but teach no reason.
/// </remarks>
public static class ReasonTags
{
    /// <summary>No scope, audience or result: <c>vague</c>.</summary>
    public const string Vague = "vague";

    /// <summary>Fashionable words in place of content: <c>buzzwords</c>.</summary>
    public const string Buzzwords = "buzzwords";

    /// <summary>Filler words and phrases: <c>padding</c>.</summary>
    public const string Padding = "padding";

    /// <summary>A list or wall of keywords: <c>keyword_stuffing</c>.</summary>
    public const string KeywordStuffing = "keyword_stuffing";

    /// <summary>The outcomes and figures are missing: <c>removed_outcomes</c>.</summary>
    public const string RemovedOutcomes = "removed_outcomes";

    /// <summary>Misspellings: <c>typos</c>.</summary>
    public const string Typos = "typos";

    /// <summary>The text is cut off: <c>truncation</c>.</summary>
    public const string Truncation = "truncation";

    /// <summary>Past and present mixed: <c>mixed_tenses</c>.</summary>
    public const string MixedTenses = "mixed_tenses";

    /// <summary>Emoji as decoration: <c>emoji_noise</c>.</summary>
    public const string EmojiNoise = "emoji_noise";

    /// <summary>Passive voice hides who did what: <c>passive_voice</c>.</summary>
    public const string PassiveVoice = "passive_voice";

    /// <summary>Inflated or unverifiable claims: <c>inflated_claims</c>.</summary>
    public const string InflatedClaims = "inflated_claims";

    /// <summary>Shouting in capitals: <c>all_caps</c>.</summary>
    public const string AllCaps = "all_caps";

    /// <summary>Badges or shields in place of a description: <c>badge_spam</c>.</summary>
    public const string BadgeSpam = "badge_spam";

    /// <summary>Could describe anyone: <c>generic</c>.</summary>
    public const string Generic = "generic";

    /// <summary>Rambling in the first person: <c>first_person_ramble</c>.</summary>
    public const string FirstPersonRamble = "first_person_ramble";

    /// <summary>Jargon or corporate-speak: <c>jargon_soup</c>.</summary>
    public const string JargonSoup = "jargon_soup";

    /// <summary>Duties listed, nothing achieved: <c>responsibilities_only</c>.</summary>
    public const string ResponsibilitiesOnly = "responsibilities_only";

    /// <summary>Figures without context (years, counts of tools or employers): <c>context_free_numbers</c>.</summary>
    public const string ContextFreeNumbers = "context_free_numbers";

    /// <summary>Certifications, degrees and dates as padding: <c>credential_padding</c>.</summary>
    public const string CredentialPadding = "credential_padding";

    /// <summary>A life story or off-topic history: <c>life_story</c>.</summary>
    public const string LifeStory = "life_story";

    /// <summary>Abbreviations and acronyms in place of words: <c>abbreviation_soup</c>.</summary>
    public const string AbbreviationSoup = "abbreviation_soup";

    /// <summary>The judged pairs' principle of believable claims: <c>credibility</c>.</summary>
    public const string CredibilityPrinciple = "credibility";

    /// <summary>The principle of concrete scope and results: <c>specificity</c>.</summary>
    public const string SpecificityPrinciple = "specificity";

    /// <summary>The principle of fitting the section: <c>relevance</c>.</summary>
    public const string RelevancePrinciple = "relevance";

    /// <summary>The principle of plain wording: <c>clarity</c>.</summary>
    public const string ClarityPrinciple = "clarity";

    /// <summary>The principle of saying it once, briefly: <c>concision</c>.</summary>
    public const string ConcisionPrinciple = "concision";

    /// <summary>The principle of clean presentation: <c>polish</c>.</summary>
    public const string PolishPrinciple = "polish";

    private static readonly FrozenDictionary<string, string> Principles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Vague] = SpecificityPrinciple,
        [Generic] = SpecificityPrinciple,
        [RemovedOutcomes] = SpecificityPrinciple,
        [ResponsibilitiesOnly] = SpecificityPrinciple,
        [InflatedClaims] = CredibilityPrinciple,
        [ContextFreeNumbers] = CredibilityPrinciple,
        [LifeStory] = RelevancePrinciple,
        [Buzzwords] = ClarityPrinciple,
        [JargonSoup] = ClarityPrinciple,
        [AbbreviationSoup] = ClarityPrinciple,
        [Padding] = ConcisionPrinciple,
        [CredentialPadding] = ConcisionPrinciple,
        [FirstPersonRamble] = ConcisionPrinciple,
        [PassiveVoice] = ConcisionPrinciple,
        [Typos] = PolishPrinciple,
        [Truncation] = PolishPrinciple,
        [MixedTenses] = PolishPrinciple,
        [EmojiNoise] = PolishPrinciple,
        [AllCaps] = PolishPrinciple,
        [BadgeSpam] = PolishPrinciple,
        [KeywordStuffing] = PolishPrinciple,
        [MetricNames.Clarity] = ClarityPrinciple,
        [MetricNames.Readability] = ClarityPrinciple,
        [MetricNames.Impact] = SpecificityPrinciple,
        [MetricNames.Specificity] = SpecificityPrinciple,
        [MetricNames.Relevance] = RelevancePrinciple,
        [MetricNames.KeywordScore] = RelevancePrinciple,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Synonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["unverifiable_claims"] = InflatedClaims,
        ["inflated_metrics"] = ContextFreeNumbers,
        ["inflated"] = InflatedClaims,
        ["padded"] = Padding,
        ["repetition"] = Padding,
        ["filler"] = Padding,
        ["jargon"] = JargonSoup,
        ["corporate_speak"] = JargonSoup,
        ["unclear_referents"] = JargonSoup,
        ["buzzword_wall"] = Buzzwords,
        ["buzzword"] = Buzzwords,
        ["cliche"] = Generic,
        ["keyword_wall"] = KeywordStuffing,
        ["badge_only"] = BadgeSpam,
        ["badges"] = BadgeSpam,
        ["truncated"] = Truncation,
        ["abbreviations"] = AbbreviationSoup,
        ["text_speak"] = AbbreviationSoup,
        ["credentials_padding"] = CredentialPadding,
        ["no_capitals"] = Typos,
        ["typo"] = Typos,
        ["off_topic"] = LifeStory,
        ["wrong_section"] = LifeStory,
        ["hobbies"] = LifeStory,
        ["emoji"] = EmojiNoise,
        ["caps"] = AllCaps,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets the vocabulary in its fixed order: the 21 flaws, then the six metric names.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Vague, Buzzwords, Padding, KeywordStuffing, RemovedOutcomes, Typos, Truncation, MixedTenses, EmojiNoise, PassiveVoice,
        InflatedClaims, AllCaps, BadgeSpam, Generic, FirstPersonRamble, JargonSoup, ResponsibilitiesOnly, ContextFreeNumbers,
        CredentialPadding, LifeStory, AbbreviationSoup,
        MetricNames.Clarity, MetricNames.Impact, MetricNames.Relevance, MetricNames.KeywordScore, MetricNames.Specificity, MetricNames.Readability,
    ];

    /// <summary>Gets the six principles, in the order of the judged pairs' rubric.</summary>
    public static IReadOnlyList<string> AllPrinciples { get; } =
        [CredibilityPrinciple, SpecificityPrinciple, RelevancePrinciple, ClarityPrinciple, ConcisionPrinciple, PolishPrinciple];

    /// <summary>Returns whether <paramref name="tag"/> is in the vocabulary (exactly, without <see cref="Normalize"/>).</summary>
    /// <param name="tag">A tag.</param>
    /// <returns><see langword="true"/> for a vocabulary tag.</returns>
    public static bool Contains(string? tag) => tag is not null && Principles.ContainsKey(tag);

    /// <summary>
    /// Gets the vocabulary tag a person's tag stands for: the tag itself when it is in the vocabulary, its vocabulary
    /// name when it is a known synonym (<c>padded</c> → <c>padding</c>), otherwise <see langword="null"/>. Case and
    /// surrounding spaces are ignored; hyphens and spaces read as underscores.
    /// </summary>
    /// <param name="tag">A tag, for example from a pair's tags.</param>
    /// <returns>The vocabulary tag, or <see langword="null"/>.</returns>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 64)
        {
            return null;
        }

        if (Principles.ContainsKey(tag))
        {
            return tag; // already the vocabulary's spelling, as bootstrap stores it: nothing to allocate
        }

        var key = tag.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return Principles.ContainsKey(key) ? key : Synonyms.GetValueOrDefault(key);
    }

    /// <summary>Gets the principle a vocabulary tag belongs to (<c>vague</c> → <c>specificity</c>), or <see langword="null"/> for a tag outside it.</summary>
    /// <param name="tag">A vocabulary tag.</param>
    /// <returns>One of <see cref="AllPrinciples"/>, or <see langword="null"/>.</returns>
    public static string? PrincipleOf(string? tag) => tag is null ? null : Principles.GetValueOrDefault(tag);
}
