using Ancso.Ml.Metrics.Lexicon;

namespace Ancso.Ml.Metrics.Analysis;

/// <summary>Words: where they start and end, their classes, passive voice, phrases and repetition.</summary>
internal ref partial struct TextScanner
{
    private const WordClass PartClasses = WordClass.Tech | WordClass.Domain | WordClass.Role | WordClass.Outcome
        | WordClass.Measure | WordClass.ActionVerb | WordClass.ResultVerb;

    private const WordClass AcronymClasses = WordClass.Tech | WordClass.Domain | WordClass.Role | WordClass.Abbreviation
        | WordClass.Outcome | WordClass.Measure | WordClass.Unit | WordClass.RepoKind;

    private readonly bool IsTokenStart(int i)
    {
        var text = _text;
        var c = text[i];
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }

        return c switch
        {
            '$' or '€' or '£' or '¥' or '₹' => char.IsAsciiDigit(Next(text, i)),
            '+' or '~' or '≈' or '-' or '±' => AfterSpace(text, i) && char.IsAsciiDigit(Next(text, i)),
            '.' or '#' or '@' => AfterSpace(text, i) && char.IsLetter(Next(text, i)),
            _ => false,
        };

        static char Next(ReadOnlySpan<char> text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

        static bool AfterSpace(ReadOnlySpan<char> text, int i) =>
            i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '"' or '/';
    }

    private int ScanToken(int i)
    {
        var text = _text;
        var c = text[i];
        var currency = c is '$' or '€' or '£' or '¥' or '₹';
        if (currency || c is '+' or '~' or '≈' or '-' or '±')
        {
            _stats.VisibleChars++;
            return ScanNumber(i + 1, currency);
        }

        if (c is '#' or '@')
        {
            var end = ScanWordEnd(i + 1);
            _stats.VisibleChars++;
            OnWord(i + 1, end - i - 1, hashtag: c == '#', mention: c == '@');
            return end;
        }

        if (c == '.')
        {
            var end = ScanWordEnd(i + 1);
            OnWord(i, end - i, hashtag: false, mention: false);
            return end;
        }

        if (char.IsAsciiDigit(c))
        {
            return ScanNumber(i, currency: false);
        }

        if (c is 'h' or 'H' or 'w' or 'W' && IsUrlAt(i))
        {
            return ScanUrl(i);
        }

        if (IsIdeograph(c))
        {
            OnWord(i, 1, hashtag: false, mention: false);
            return i + 1;
        }

        var j = ScanWordEnd(i);
        if (j + 1 < text.Length && text[j] == '@' && char.IsLetterOrDigit(text[j + 1]))
        {
            return ScanUrl(i); // an e-mail address
        }

        OnWord(i, j - i, hashtag: false, mention: false);
        return j;
    }

    private readonly int ScanWordEnd(int i)
    {
        var text = _text;
        var j = i;
        while (j < text.Length)
        {
            var c = text[j];
            if (IsWordChar(c))
            {
                if (c >= '\u3040' && IsIdeograph(c))
                {
                    break;
                }

                j++;
                continue;
            }

            if (c is '-' or '\'' or '\u2019' or '.' or '_' or '&' && j > i && j + 1 < text.Length
                && IsWordChar(text[j + 1]) && !IsIdeograph(text[j + 1]))
            {
                j++;
                continue;
            }

            break;
        }

        if (j - i is > 0 and <= 2 && j < text.Length)
        {
            if (text[j] == '#' && (j + 1 >= text.Length || !IsWordChar(text[j + 1])))
            {
                j++; // C#, F#
            }
            else if (text[j] == '+')
            {
                j += j + 1 < text.Length && text[j + 1] == '+' ? 2 : 1; // C++
            }
        }

        return j;
    }

    private void OnWord(int start, int length, bool hashtag, bool mention)
    {
        if (length <= 0)
        {
            return;
        }

        var word = _text.Slice(start, length);
        _stats.VisibleChars += length;
        int letters = 0, upper = 0, lower = 0;
        var digits = false;
        var latin = true;
        foreach (var ch in word)
        {
            if (char.IsAscii(ch))
            {
                // The same answers as below for ASCII, where the letters are A-Z and a-z and the digits 0-9.
                if (char.IsAsciiLetter(ch))
                {
                    letters++;
                    upper += ch <= 'Z' ? 1 : 0;
                    lower += ch >= 'a' ? 1 : 0;
                }
                else
                {
                    digits |= char.IsAsciiDigit(ch);
                }
            }
            else if (char.IsLetter(ch))
            {
                letters++;
                upper += char.IsUpper(ch) ? 1 : 0;
                lower += char.IsLower(ch) ? 1 : 0;
                latin &= ch <= '\u024F';
            }
            else if (char.IsDigit(ch))
            {
                digits = true;
            }
        }

        _stats.Letters += upper + lower;
        _stats.UpperLetters += upper;
        var key = StripPossessive(word);
        var hash = Hash(key, out var ascii);
        var entry = ascii ? WordLexicon.FindAscii(key, hash) : WordLexicon.FindGeneral(key);
        var classes = entry?.Classes ?? (key.Contains('-') ? PartsClasses(key) : WordClass.None);
        if (mention || (classes == WordClass.None && latin && upper == 1 && lower > 0 && char.IsUpper(word[0])
            && !_leadSlot && _wordIndex > 0))
        {
            classes |= WordClass.ProperNoun;
        }

        if (hashtag)
        {
            _stats.Hashtags++;
        }

        if (upper >= 3 && lower == 0 && !(letters <= 5 && (classes & AcronymClasses) != 0))
        {
            _stats.ShoutWords++;
        }

        _stats.Words++;
        _sentenceWords++;
        _segmentWords++;
        var syllables = Syllables.Count(word, letters, upper, digits);
        if ((classes & (WordClass.Tech | WordClass.Domain | WordClass.Role)) != 0)
        {
            syllables = Math.Min(syllables, 2); // professional vocabulary is familiar to the reader it targets
        }

        _stats.Syllables += syllables;
        _stats.ComplexWords += syllables >= 3 ? 1 : 0;
        var content = (classes & WordClass.Stop) == 0 && (letters >= 2 || (classes & WordClass.Tech) != 0 || !latin);
        if (content)
        {
            _stats.ContentWords++;
        }

        ResolvePendingNumber(classes);
        CountPassive(word, classes);
        CountClasses(classes);
        if (entry is { Phrases.Length: > 0 })
        {
            MatchPhrases(entry.Phrases);
        }

        _ring.Push(start, length);
        _leadSlot = _leadSlot && ((classes & WordClass.FirstPerson) != 0 || word.Equals("we", StringComparison.OrdinalIgnoreCase));
        _previousFrom = (classes & WordClass.From) != 0;
        _previousTo = (classes & WordClass.To) != 0;
        if (content && !(length == 1 && IsIdeograph(word[0])))
        {
            _table.Add(hash, classes);
            _stats.AdjacentRepeats += hash == _previousHash ? 1 : 0;
            _previousHash = hash;
        }
        else
        {
            _previousHash = 0;
        }

        _lastWordEnd = start + length;
        _lastWordClasses = classes;
        _lastWordInitial = length == 1 && upper == 1;
        _wordIndex++;
    }

    private void CountClasses(WordClass classes)
    {
        if (classes == WordClass.None)
        {
            return;
        }

        _stats.FirstPerson += Has(classes, WordClass.FirstPerson);
        if ((classes & WordClass.ActionVerb) != 0)
        {
            _stats.ActionVerbs++;
            _stats.ActionLeads += _leadSlot ? 1 : 0;
            _sentenceAction = true;
        }

        if ((classes & WordClass.Outcome) != 0)
        {
            _stats.OutcomeNouns++;
            _sentenceOutcome = true;
        }

        _stats.ResultVerbs += Has(classes, WordClass.ResultVerb);
        _stats.WeakVerbs += Has(classes, WordClass.WeakVerb);
        _stats.Buzzwords += Has(classes, WordClass.Buzzword);
        _stats.Hedges += Has(classes, WordClass.Hedge);
        _stats.Vague += Has(classes, WordClass.Vague);
        _stats.Fillers += Has(classes, WordClass.Filler);
        _stats.Roles += Has(classes, WordClass.Role);
        _stats.RepoKinds += Has(classes, WordClass.RepoKind);
        _stats.ReadmeTopics += Has(classes, WordClass.ReadmeTopic);
    }

    private static int Has(WordClass classes, WordClass flag) => (classes & flag) != 0 ? 1 : 0;

    // A form of "be" opens a two-word window; a participle inside it ("was built", "is not maintained") is a passive.
    private void CountPassive(ReadOnlySpan<char> word, WordClass classes)
    {
        if (_pendingAuxiliary > 0)
        {
            if ((classes & WordClass.NotParticiple) == 0
                && ((classes & WordClass.Participle) != 0 || (word.Length > 4 && word.EndsWith("ed", StringComparison.OrdinalIgnoreCase))))
            {
                _stats.Passives++;
                _pendingAuxiliary = 0;
            }
            else if ((word.Length > 3 && word.EndsWith("ly", StringComparison.OrdinalIgnoreCase))
                || word.Equals("not", StringComparison.OrdinalIgnoreCase) || (classes & WordClass.BeAuxiliary) != 0)
            {
                _pendingAuxiliary--;
            }
            else
            {
                _pendingAuxiliary = 0;
            }
        }

        if ((classes & WordClass.BeAuxiliary) != 0)
        {
            _pendingAuxiliary = 2;
        }
    }

    // Phrases come longest first and only the first match counts, so a phrase that ends inside a longer one ("a person
    // who" in "I am a person who", "outside the box" in "think outside the box") is not counted twice.
    private void MatchPhrases(Phrase[] phrases)
    {
        foreach (var phrase in phrases)
        {
            var words = phrase.Words;
            if (_ring.Count < words.Length - 1)
            {
                continue;
            }

            var match = true;
            for (var back = 0; back < words.Length - 1 && match; back++)
            {
                var (start, length) = _ring.Get(back);
                match = SameWord(_text.Slice(start, length), words[words.Length - 2 - back]);
            }

            if (!match)
            {
                continue;
            }

            switch (phrase.Kind)
            {
                case PhraseKind.Cliche:
                    _stats.Cliches++;
                    break;
                case PhraseKind.Filler:
                    _stats.FillerPhrases++;
                    break;
                case PhraseKind.Weak:
                    _stats.WeakVerbs++;
                    break;
                default:
                    _stats.Hedges++;
                    break;
            }

            return;
        }
    }

    private static bool SameWord(ReadOnlySpan<char> text, string word)
    {
        if (text.Length != word.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var a = c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) : c == '\u2019' ? '\'' : char.ToLowerInvariant(c);
            if (a != word[i])
            {
                return false;
            }
        }

        return true;
    }

    private static WordClass PartsClasses(ReadOnlySpan<char> word)
    {
        var dash = word.IndexOf('-');
        var last = word.LastIndexOf('-');
        var first = WordLexicon.Find(word[..dash])?.Classes ?? WordClass.None;
        var tail = WordLexicon.Find(word[(last + 1)..])?.Classes ?? WordClass.None;
        return (first | tail) & PartClasses;
    }

    private static ReadOnlySpan<char> StripPossessive(ReadOnlySpan<char> word) =>
        word.Length > 3 && word[^1] is 's' or 'S' && word[^2] is '\'' or '\u2019' ? word[..^2] : word;

    // FNV-1a over the lower-cased word, so "Java" and "java" count as one. For an all-ASCII word it is the
    // AsciiWordTable hash, so the same value also finds the word in the lexicon.
    private static uint Hash(ReadOnlySpan<char> word, out bool ascii)
    {
        var hash = 2166136261u;
        var high = 0;
        foreach (var c in word)
        {
            var lower = c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) : char.ToLowerInvariant(c);
            high |= c;
            hash = (hash ^ lower) * 16777619u;
        }

        ascii = high < 128;
        return hash;
    }

    private static bool IsWordChar(char c) => char.IsAscii(c) ? char.IsAsciiLetterOrDigit(c) : IsOtherWordChar(c);

    private static bool IsOtherWordChar(char c) =>
        char.IsLetterOrDigit(c) || (c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark);

    // Scripts written without spaces between words: each ideograph or kana counts as a word.
    private static bool IsIdeograph(char c) =>
        c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
