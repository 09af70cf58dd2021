using System.Collections.Frozen;

namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>Words and phrases that weaken writing: buzzwords, clichés, hedges, vague words, filler, weak verbs.</summary>
internal static partial class Lexicons
{
    /// <summary>Gets buzzwords and self-praise that say nothing a reader can check.</summary>
    public static FrozenSet<string> Buzzwords { get; } = Set(
        "synergy", "synergies", "synergize", "synergise", "synergistic", "ninja", "rockstar", "rock-star", "guru",
        "wizard", "jedi", "unicorn", "superstar", "passionate", "results-driven", "results-oriented",
        "detail-oriented", "self-starter", "self-motivated", "motivated", "hardworking", "hard-working", "dynamic",
        "innovative", "visionary", "disruptive", "disruptor", "go-getter", "team-player", "thought-leader",
        "leverage", "leverages", "leveraged", "leveraging", "world-class", "best-in-class", "cutting-edge",
        "bleeding-edge", "game-changer", "game-changing", "seasoned", "enthusiastic", "energetic", "driven",
        "holistic", "paradigm", "next-generation", "next-gen", "revolutionary", "transformative",
        "transformational", "impactful", "value-add", "proactive", "exceptional", "outstanding", "extraordinary",
        "amazing", "awesome", "ambitious", "hustler", "hustle", "growth-hacker", "visionary", "trailblazer",
        "changemaker", "mission-driven", "customer-obsessed", "out-of-the-box", "best-of-breed", "think-tank",
        "ecosystem-driven", "forward-thinking", "goal-oriented", "solution-oriented", "people-person",
        "creative", "strategic", "excellence", "excellent", "perfectionist", "dedicated", "tireless",
        "award-winning", "expert-level", "a-player", "evangelist", "influencer", "storyteller", "maverick",
        "10x", "blockchain-enabled", "ai-powered", "empower", "empowering", "empowered");

    /// <summary>Gets clichés (matched as phrases).</summary>
    public static FrozenSet<string> Cliches { get; } = Set(
        "think outside the box", "outside the box", "out of the box thinker", "team player", "go getter",
        "self starter", "hard worker", "fast learner", "quick learner", "lifelong learner", "proven track record",
        "track record of success", "results driven", "results oriented", "detail oriented", "people person",
        "wear many hats", "wearing many hats", "move the needle", "low hanging fruit", "go the extra mile",
        "best of breed", "value add", "thought leader", "game changer", "passionate about",
        "strong communication skills", "excellent communication skills", "work well under pressure",
        "works well under pressure", "hit the ground running", "bring to the table", "dynamic professional",
        "seasoned professional", "highly motivated", "win win", "circle back", "deep dive", "next level",
        "take it to the next level", "make a difference", "make an impact", "change the world", "love to learn",
        "love learning", "love solving problems", "problem solver", "tech enthusiast", "tech lover",
        "coding enthusiast", "always learning", "jack of all trades", "paradigm shift", "core competencies",
        "synergy driven", "driven by passion", "hungry for growth", "strive for excellence",
        "continuous improvement mindset", "growth mindset", "can do attitude", "ninja rockstar");

    /// <summary>Gets filler phrases (matched as phrases).</summary>
    public static FrozenSet<string> FillerPhrases { get; } = Set(
        "in order to", "due to the fact that", "i am a person who", "i am someone who", "a person who",
        "at the end of the day", "as a matter of fact", "for all intents and purposes", "the fact that",
        "in terms of", "with regard to", "with regards to", "and so on", "and so forth", "a lot of", "lots of",
        "needless to say", "it goes without saying", "i would like to", "each and every", "first and foremost",
        "in the field of", "various different", "all kinds of", "all sorts of", "and more", "and much more",
        "so much more", "stuff like that", "things like that", "and other things", "in today's world",
        "at this point in time", "in the process of", "on a daily basis", "as well as");

    /// <summary>Gets weak phrases that hide ownership (matched as phrases).</summary>
    public static FrozenSet<string> WeakPhrases { get; } = Set(
        "responsible for", "worked on", "helped with", "helped to", "involved in", "assisted with", "assisted in",
        "participated in", "duties included", "tasked with", "in charge of", "took part in", "worked with",
        "was part of", "part of a team", "exposure to", "familiar with", "dabbled in", "played a role in");

    /// <summary>Gets hedging phrases (matched as phrases).</summary>
    public static FrozenSet<string> HedgePhrases { get; } = Set(
        "kind of", "sort of", "a bit", "to some extent", "more or less", "i think", "i believe", "i feel",
        "try to", "trying to", "hope to", "i guess", "somewhat of");

    /// <summary>Gets single-word hedges.</summary>
    public static FrozenSet<string> Hedges { get; } = Set(
        "maybe", "perhaps", "possibly", "somewhat", "fairly", "rather", "quite", "basically", "essentially",
        "probably", "hopefully", "tried", "attempted", "attempt", "attempting", "really", "very", "actually",
        "literally", "generally", "mostly", "arguably", "seemingly", "presumably", "relatively", "slightly",
        "sometimes", "usually", "pretty");

    /// <summary>Gets vague words that stand in for a specific one.</summary>
    public static FrozenSet<string> VagueWords { get; } = Set(
        "various", "several", "many", "some", "stuff", "things", "thing", "etc", "numerous", "different", "lots",
        "plenty", "somehow", "something", "everything", "anything", "everyone", "good", "great", "nice",
        "successful", "successfully", "effectively", "efficiently", "significant", "significantly",
        "substantially", "greatly", "highly", "huge", "massive", "massively", "tremendous", "tremendously",
        "incredible", "incredibly", "key", "solutions", "solution", "world", "whatever", "diverse", "wide",
        "broad", "multiple", "countless", "best", "high-quality", "quality", "robust", "seamless", "seamlessly",
        "efficient", "effective", "optimal", "stakeholders", "deliverables", "initiatives", "cross-functional");

    /// <summary>Gets filler words.</summary>
    public static FrozenSet<string> Fillers { get; } = Set(
        "etc", "whatsoever", "basically", "actually", "literally", "stuff", "whatnot", "anyway", "anyways",
        "totally", "absolutely", "definitely", "truly", "simply", "obviously", "clearly");

    /// <summary>Gets weak verbs that hide what the writer did.</summary>
    public static FrozenSet<string> WeakVerbs { get; } = Set(
        "help", "helped", "helping", "helps", "assist", "assisted", "assisting", "assists", "participate",
        "participated", "participating", "handled", "handling", "worked", "involved", "responsible",
        "duties", "duty", "tasked", "supported", "supporting", "exposed", "familiar", "utilized",
        "utilised", "utilize", "utilise", "utilizing", "tried", "attempted", "dabbled");
}
