using System.Collections.Frozen;

namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>Function words, pronouns and the pieces of passive voice.</summary>
internal static partial class Lexicons
{
    /// <summary>Gets function words that carry no topic.</summary>
    public static FrozenSet<string> StopWords { get; } = Set(
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "to", "in", "on", "at", "by", "for", "from",
        "with", "without", "within", "into", "onto", "over", "under", "about", "above", "below", "across", "after",
        "before", "between", "through", "during", "via", "per", "as", "than", "that", "this", "these", "those",
        "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "it", "its", "it's",
        "is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had", "having",
        "will", "would", "can", "could", "should", "shall", "may", "might", "must", "i", "me", "my", "mine",
        "myself", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "they",
        "them", "their", "not", "no", "also", "too", "up", "out", "off", "then", "if", "because", "while", "both",
        "each", "other", "such", "only", "same", "some", "any", "all", "more", "most", "again", "once", "i'm",
        "i've", "i'd", "i'll", "we're", "we've", "you're", "don't", "can't", "won't", "isn't", "aren't", "wasn't",
        "just", "very", "really", "own", "every", "much", "many", "well", "like", "into", "around", "since",
        "until", "upon", "whether", "either", "neither", "among", "along", "against", "toward", "towards");

    /// <summary>Gets first-person pronouns.</summary>
    public static FrozenSet<string> FirstPerson { get; } = Set(
        "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll");

    /// <summary>Gets the forms of "be" that can start a passive.</summary>
    public static FrozenSet<string> BeAuxiliaries { get; } = Set(
        "am", "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "gotten");

    /// <summary>Gets irregular past participles (regular ones end in -ed and are recognised by their ending).</summary>
    public static FrozenSet<string> IrregularParticiples { get; } = Set(
        "built", "done", "made", "given", "taken", "written", "led", "shown", "known", "seen", "driven", "chosen",
        "held", "sent", "brought", "bought", "taught", "thought", "found", "kept", "left", "lost", "paid", "said",
        "sold", "told", "won", "begun", "broken", "spoken", "stolen", "grown", "drawn", "thrown", "hidden",
        "forgotten", "gotten", "spent", "split", "spread", "understood", "undertaken", "overseen", "rewritten",
        "rebuilt", "withdrawn", "sought", "caught", "fought", "meant", "met", "heard", "laid", "worn", "torn",
        "shaken", "frozen", "bound", "dealt", "fed", "lent", "shot", "struck", "hung", "flown", "blown", "set",
        "put", "cut", "run", "read", "shut", "hit", "upheld", "overtaken", "outgrown", "mistaken", "forbidden");

    /// <summary>Gets -ed words that after "be" describe a state rather than form a passive.</summary>
    public static FrozenSet<string> AdjectivalParticiples { get; } = Set(
        "based", "interested", "excited", "located", "dedicated", "experienced", "skilled", "motivated", "focused",
        "focussed", "committed", "specialized", "specialised", "qualified", "certified", "thrilled", "delighted",
        "pleased", "honored", "honoured", "obsessed", "fascinated", "inspired", "detailed", "talented", "gifted",
        "self-taught", "self-employed", "retired", "married", "involved", "tired", "bored", "used", "supposed",
        "curious", "excited", "determined", "devoted", "concerned", "convinced", "prepared", "licensed",
        "accredited", "bilingual", "open-minded", "well-versed", "versed", "skilled", "seasoned", "fluent");

    /// <summary>
    /// Gets abbreviations whose period ends a sentence only when the text goes on in upper case ("… and so on, etc. Next").
    /// </summary>
    public static FrozenSet<string> Abbreviations { get; } = Set(
        "etc", "inc", "ltd", "co", "corp", "jr", "sr", "st", "ms",
        "dept", "est", "no", "fig", "al", "u.s", "ph.d", "b.sc", "m.sc", "b.s", "m.s",
        "b.a", "m.a", "mt", "ave", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "min", "max", "resp", "ca");

    /// <summary>
    /// Gets abbreviations that introduce what follows, so their period never ends a sentence, even before a capital
    /// ("e.g. Terraform", "vs. Kafka", "Dr. Smith"). "Ms" is not one: in profiles it is far more often milliseconds.
    /// </summary>
    public static FrozenSet<string> LeadingAbbreviations { get; } = Set(
        "e.g", "i.e", "vs", "cf", "a.k.a", "aka", "approx", "dr", "mr", "mrs", "prof");

    /// <summary>Gets words that mark the start of a from–to comparison.</summary>
    public static FrozenSet<string> FromWords { get; } = Set("from");

    /// <summary>Gets words that mark the end of a from–to comparison.</summary>
    public static FrozenSet<string> ToWords { get; } = Set("to");
}
