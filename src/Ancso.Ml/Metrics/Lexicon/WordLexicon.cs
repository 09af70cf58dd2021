using System.Collections.Frozen;

namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>
/// The one word lookup the scanner uses: every word of every lexicon mapped to its classes and to the phrases that
/// end with it, case-insensitive, queried by span so that looking up a word allocates nothing.
/// </summary>
internal static class WordLexicon
{
    private static readonly FrozenDictionary<string, LexiconEntry>.AlternateLookup<ReadOnlySpan<char>> Lookup = Build().GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly AsciiWordTable AsciiLookup = new(Lookup.Dictionary);

    /// <summary>Gets the number of distinct words the lexicon knows.</summary>
    public static int Count => Lookup.Dictionary.Count;

    /// <summary>Finds a word.</summary>
    /// <param name="word">The word, in any case.</param>
    /// <returns>The entry, or <see langword="null"/> for a word no lexicon holds.</returns>
    public static LexiconEntry? Find(ReadOnlySpan<char> word) =>
        System.Text.Ascii.IsValid(word) ? AsciiLookup.Find(word, AsciiWordTable.Hash(word)) : FindGeneral(word);

    /// <summary>Finds an all-ASCII word whose <see cref="AsciiWordTable.Hash"/> the caller already has; the same answer as
    /// <see cref="Find"/>.</summary>
    /// <param name="word">The word, ASCII only, in any case.</param>
    /// <param name="lowerHash">FNV-1a over the word's ASCII-lower-cased characters.</param>
    /// <returns>The entry, or <see langword="null"/> for a word no lexicon holds.</returns>
    public static LexiconEntry? FindAscii(ReadOnlySpan<char> word, uint lowerHash) => AsciiLookup.Find(word, lowerHash);

    /// <summary>Finds a word of any script through the case-insensitive dictionary; <see cref="Find"/> without the ASCII
    /// fast path.</summary>
    /// <param name="word">The word, in any case.</param>
    /// <returns>The entry, or <see langword="null"/> for a word no lexicon holds.</returns>
    public static LexiconEntry? FindGeneral(ReadOnlySpan<char> word) => Lookup.TryGetValue(word, out var entry) ? entry : null;

    private static FrozenDictionary<string, LexiconEntry> Build()
    {
        var classes = new Dictionary<string, WordClass>(StringComparer.OrdinalIgnoreCase);
        var phrases = new Dictionary<string, List<Phrase>>(StringComparer.OrdinalIgnoreCase);

        void AddWords(IEnumerable<string> words, WordClass wordClass)
        {
            foreach (var word in words)
            {
                foreach (var variant in Variants(word))
                {
                    classes[variant] = classes.GetValueOrDefault(variant) | wordClass;
                }
            }
        }

        void AddPhrases(IEnumerable<string> entries, PhraseKind kind, WordClass singleWordClass)
        {
            foreach (var entry in entries)
            {
                var words = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 1)
                {
                    AddWords(words, singleWordClass);
                    continue;
                }

                foreach (var last in Variants(words[^1]))
                {
                    if (!phrases.TryGetValue(last, out var list))
                    {
                        phrases[last] = list = [];
                    }

                    list.Add(new Phrase(words, kind));
                    classes.TryAdd(last, WordClass.None);
                }
            }
        }

        AddWords(Lexicons.StopWords, WordClass.Stop);
        AddWords(Lexicons.FirstPerson, WordClass.FirstPerson);
        AddWords(Lexicons.BeAuxiliaries, WordClass.BeAuxiliary);
        AddWords(Lexicons.IrregularParticiples, WordClass.Participle);
        AddWords(Lexicons.AdjectivalParticiples, WordClass.NotParticiple);
        AddWords(Lexicons.Abbreviations, WordClass.Abbreviation);
        AddWords(Lexicons.LeadingAbbreviations, WordClass.Abbreviation | WordClass.LeadingAbbreviation);
        AddWords(Lexicons.FromWords, WordClass.From);
        AddWords(Lexicons.ToWords, WordClass.To);
        AddWords(Lexicons.Buzzwords, WordClass.Buzzword);
        AddWords(Lexicons.Hedges, WordClass.Hedge);
        AddWords(Lexicons.VagueWords, WordClass.Vague);
        AddWords(Lexicons.Fillers, WordClass.Filler);
        AddWords(Lexicons.WeakVerbs, WordClass.WeakVerb);
        AddWords(ActionVerbs.All, WordClass.ActionVerb);
        AddWords(ActionVerbs.Results, WordClass.ActionVerb | WordClass.ResultVerb);
        AddWords(Lexicons.Technologies, WordClass.Tech);
        AddWords(Lexicons.Domains, WordClass.Domain);
        AddWords(Lexicons.Roles, WordClass.Role);
        AddWords(Plurals(Lexicons.Roles), WordClass.Role | WordClass.Measure);
        AddWords(Lexicons.RepoKinds, WordClass.RepoKind);
        AddWords(Lexicons.ReadmeTopics, WordClass.ReadmeTopic);
        AddWords(Lexicons.Outcomes, WordClass.Outcome);
        AddWords(Lexicons.Measures, WordClass.Measure);
        AddWords(Lexicons.Units, WordClass.Unit);
        AddWords(Lexicons.Scales, WordClass.Scale);
        AddWords(Lexicons.Comparatives, WordClass.Comparative);
        AddWords(Lexicons.VagueObjects, WordClass.VagueObject);
        AddPhrases(Lexicons.Cliches, PhraseKind.Cliche, WordClass.Buzzword);
        AddPhrases(Lexicons.FillerPhrases, PhraseKind.Filler, WordClass.Filler);
        AddPhrases(Lexicons.WeakPhrases, PhraseKind.Weak, WordClass.WeakVerb);
        AddPhrases(Lexicons.HedgePhrases, PhraseKind.Hedge, WordClass.Hedge);

        var entries = new Dictionary<string, LexiconEntry>(classes.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (word, wordClass) in classes)
        {
            // Longest first, so that the scanner can stop at the first match: "I am a person who" is one filler
            // phrase, not also "a person who".
            Phrase[] ending = phrases.TryGetValue(word, out var list) ? [.. list.OrderByDescending(p => p.Words.Length)] : [];
            entries[word] = new LexiconEntry(wordClass, ending);
        }

        return entries.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Variants(string word)
    {
        yield return word;
        if (word.Contains('\'', StringComparison.Ordinal))
        {
            yield return word.Replace('\'', '\u2019');
        }
    }

    private static IEnumerable<string> Plurals(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            yield return word.EndsWith('y') ? word[..^1] + "ies" : word + "s";
        }
    }
}
