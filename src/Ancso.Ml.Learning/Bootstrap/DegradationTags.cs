
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// The tags of the text degradations used to make bootstrap pairs. Each tag names how the worse text of a pair was
/// derived from a benchmark text, and is stored with the pair.
/// </summary>
internal static class DegradationTags
{
    /// <summary>Concrete wording (named tools, figures, strong verbs) replaced with vague wording: <c>vague</c>.</summary>
    public const string Vague = "vague";

    /// <summary>Clichés added (results-driven, synergy, rockstar, passionate…): <c>buzzwords</c>.</summary>
    public const string Buzzwords = "buzzwords";

    /// <summary>Filler sentences and phrases added: <c>padding</c>.</summary>
    public const string Padding = "padding";

    /// <summary>Keyword walls and repeated technology names added: <c>keyword_stuffing</c>.</summary>
    public const string KeywordStuffing = "keyword_stuffing";

    /// <summary>Results and figures dropped: <c>removed_outcomes</c>.</summary>
    public const string RemovedOutcomes = "removed_outcomes";

    /// <summary>Typos and grammar slips introduced: <c>typos</c>.</summary>
    public const string Typos = "typos";

    /// <summary>Text cut off mid-thought: <c>truncation</c>.</summary>
    public const string Truncation = "truncation";

    /// <summary>Past and present tense mixed within the text: <c>mixed_tenses</c>.</summary>
    public const string MixedTenses = "mixed_tenses";

    /// <summary>Emoji scattered through the text: <c>emoji_noise</c>.</summary>
    public const string EmojiNoise = "emoji_noise";

    /// <summary>Active statements turned passive: <c>passive_voice</c>.</summary>
    public const string PassiveVoice = "passive_voice";

    /// <summary>Implausible or unsupported claims and numbers added (the worse text has more numbers): <c>inflated_claims</c>.</summary>
    public const string InflatedClaims = "inflated_claims";

    /// <summary>Text shouted in capitals: <c>all_caps</c>.</summary>
    public const string AllCaps = "all_caps";

    /// <summary>README content replaced by badge and stats images: <c>badge_spam</c>.</summary>
    public const string BadgeSpam = "badge_spam";

    /// <summary>Headline, bio or repository description reduced to a bare generic title: <c>generic</c>.</summary>
    public const string Generic = "generic";

    /// <summary>Rambling first-person asides added: <c>first_person_ramble</c>.</summary>
    public const string FirstPersonRamble = "first_person_ramble";

    /// <summary>Plain words replaced by corporate jargon: <c>jargon_soup</c>.</summary>
    public const string JargonSoup = "jargon_soup";

    /// <summary>Achievements rewritten as a list of duties ("Responsible for…"): <c>responsibilities_only</c>.</summary>
    public const string ResponsibilitiesOnly = "responsibilities_only";

    /// <summary>
    /// Counts with no context or beyond belief added ("15+ years of experience", "6 employers", "98% customer
    /// satisfaction"), or a concrete result replaced by bigger bare figures; the worse text has more numbers:
    /// <c>context_free_numbers</c>.
    /// </summary>
    public const string ContextFreeNumbers = "context_free_numbers";

    /// <summary>Certifications, degrees, dates and course lists padded in: <c>credential_padding</c>.</summary>
    public const string CredentialPadding = "credential_padding";

    /// <summary>A personal history or unrelated detail (childhood, moves, hobbies, pets) before or instead of the point: <c>life_story</c>.</summary>
    public const string LifeStory = "life_story";

    /// <summary>Words replaced by abbreviations and acronyms ("mgmt", "w/", "resp. for", "x-func", "KPIs/OKRs"): <c>abbreviation_soup</c>.</summary>
    public const string AbbreviationSoup = "abbreviation_soup";

    /// <summary>The tag of cross-text pairs, whose label comes from a large heuristic quality margin: <c>heuristic_margin</c>.</summary>
    public const string HeuristicMargin = "heuristic_margin";

    /// <summary>Gets every degradation tag (not <see cref="HeuristicMargin"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Vague, Buzzwords, Padding, KeywordStuffing, RemovedOutcomes, Typos, Truncation, MixedTenses, EmojiNoise,
        PassiveVoice, InflatedClaims, AllCaps, BadgeSpam, Generic, FirstPersonRamble, JargonSoup, ResponsibilitiesOnly,
        ContextFreeNumbers, CredentialPadding, LifeStory, AbbreviationSoup,
    ];
}
