namespace Ancso.Ml.Metrics.Analysis;

/// <summary>Everything one linear scan of a text counts; the metrics are computed from these numbers alone.</summary>
internal struct TextStats
{
    // Size and shape.
    public int VisibleChars;      // non-space characters outside markup and code
    public int MarkupChars;       // URLs, image and badge syntax, HTML tags
    public int CodeChars;         // fenced code
    public int Letters;           // cased letters (Latin, Greek, Cyrillic…)
    public int UpperLetters;
    public int Lines;             // lines with content
    public int Paragraphs;        // blocks separated by blank lines
    public int BulletLines;
    public int HeadingLines;

    // Words and sentences.
    public int Words;
    public int ContentWords;      // words that are not function words
    public int Syllables;
    public int ComplexWords;      // three or more syllables
    public int Sentences;
    public int LongSentences;     // more than 30 words
    public int MaxSentenceWords;
    public int Segments;          // runs of words between commas, pipes, slashes, sentence ends and line ends
    public int MaxShortSegmentRun; // longest run of consecutive segments of 1–3 words (a keyword list)
    public int Exclamations;
    public int ShoutWords;        // ALL-CAPS words that are not known acronyms
    public int Emoji;
    public int Hashtags;

    // Markup.
    public int Links;
    public int Images;
    public int Badges;
    public int HtmlTags;
    public int CodeSpans;

    // Word classes (occurrences).
    public int FirstPerson;
    public int ActionVerbs;
    public int ActionLeads;       // action verbs opening a sentence, bullet or segment (after an optional "I"/"we")
    public int ResultVerbs;
    public int WeakVerbs;         // weak verbs and weak phrases
    public int Passives;
    public int Buzzwords;
    public int Cliches;
    public int Hedges;            // hedge words and phrases
    public int Vague;
    public int Fillers;           // filler words
    public int FillerPhrases;
    public int Roles;
    public int OutcomeNouns;
    public int RepoKinds;
    public int ReadmeTopics;

    // Numbers.
    public int Numbers;
    public int Quantified;        // tied to a unit, a currency, a percentage or a countable object, and plausible
    public int Outcomes;          // quantified figures in a sentence that also names an action or a result
    public int Comparisons;       // "from N … to N"
    public int Inflated;          // implausible or unsupported: 1000%, 50x, "10x everything"
    public int BareNumbers;       // numbers with nothing to say what they count
    public int Years;
    public int Versions;          // a figure right after a technology with nothing else to count (".NET 8", "Python 3.12")

    // Repetition (from the word table).
    public int DistinctContent;
    public int DistinctKeywords;
    public int KeywordTokens;
    public int KeywordExcess;     // keyword occurrences beyond the section's allowance
    public int RepeatExcess;      // content-word occurrences beyond a length-scaled allowance
    public int AdjacentRepeats;   // the same content word twice in a row ("Java Java")
    public int DistinctTech;
    public int DistinctDomain;
    public int DistinctProperNouns;
}
