using System.Globalization;

namespace Ancso.Ml.Embeddings.Local;

/// <summary>
/// BERT's uncased tokenizer, as Hugging Face's <c>BertTokenizer</c> (<c>do_lower_case</c>, accents stripped, CJK
/// characters split) defines it: clean the text (drop NUL, U+FFFD and control characters; any white space becomes a
/// space), put spaces around CJK ideographs, normalise to NFC, split on white space, lower-case, strip combining marks
/// (NFD, drop Mn), split off every punctuation character (ASCII symbols and Unicode P*), then WordPiece: greedy
/// longest match first with <c>##</c> continuations; a word with no match, or over 100 characters, is <c>[UNK]</c>.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers' <c>BertTokenizer</c> was measured first; it drops symbol characters (<c>C++</c> becomes
/// <c>c</c>, emoji vanish instead of becoming <c>[UNK]</c>), which changes what the model sees in profile text.
/// </remarks>
internal sealed class WordPieceTokenizer
{
    private const int MaxCharactersPerWord = 100;
    private const string ContinuationPrefix = "##";

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private WordPieceTokenizer(Dictionary<string, int> vocabulary)
    {
        _vocabulary = vocabulary;
        _lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        ClassifierId = Require("[CLS]");
        SeparatorId = Require("[SEP]");
        UnknownId = Require("[UNK]");
        PaddingId = Require("[PAD]");
    }

    public int ClassifierId { get; }

    public int SeparatorId { get; }

    public int UnknownId { get; }

    public int PaddingId { get; }

    public int VocabularySize => _vocabulary.Count;

    /// <summary>Reads a <c>vocab.txt</c>: one token a line, its id the line's index from 0.</summary>
    public static WordPieceTokenizer FromVocabulary(string vocabularyText)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var line in vocabularyText.AsSpan().EnumerateLines())
        {
            var token = line.TrimEnd('\r').ToString();
            if (token.Length > 0)
            {
                vocabulary.TryAdd(token, id);
            }

            id++;
        }

        return new WordPieceTokenizer(vocabulary);
    }

    /// <summary>Tokenizes <paramref name="text"/> to ids: <c>[CLS]</c>, at most <paramref name="maxTokens"/> − 2 word pieces, <c>[SEP]</c>.</summary>
    public int[] Encode(string text, int maxTokens)
    {
        var ids = new List<int>(Math.Min(maxTokens, 64)) { ClassifierId };
        foreach (var word in BasicTokens(text))
        {
            if (ids.Count >= maxTokens - 1)
            {
                break;
            }

            AppendWordPieces(word, ids, maxTokens - 1);
        }

        ids.Add(SeparatorId);
        return [.. ids];
    }

    /// <summary>The basic tokenizer's words: cleaned, lower-cased, accents stripped and split at punctuation.</summary>
    internal static List<string> BasicTokens(string text)
    {
        var cleaned = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            var cp = rune.Value;
            if (cp == 0 || cp == 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhiteSpace(rune))
            {
                cleaned.Append(' ');
            }
            else if (IsCjk(cp))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }

        var normalized = cleaned.ToString().Normalize(NormalizationForm.FormC);
        var words = new List<string>();
        var piece = new StringBuilder();
        foreach (var token in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var decomposed = token.ToLowerInvariant().Normalize(NormalizationForm.FormD);
            foreach (var rune in decomposed.EnumerateRunes())
            {
                if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                if (IsPunctuation(rune))
                {
                    Flush(piece, words);
                    words.Add(rune.ToString());
                }
                else
                {
                    piece.Append(rune.ToString());
                }
            }

            Flush(piece, words);
        }

        return words;
    }

    private void AppendWordPieces(string word, List<int> ids, int limit)
    {
        var runes = word.EnumerateRunes().Count();
        if (runes > MaxCharactersPerWord)
        {
            ids.Add(UnknownId);
            return;
        }

        var pieces = new List<int>();
        var start = 0;
        Span<char> buffer = stackalloc char[ContinuationPrefix.Length + word.Length];
        while (start < word.Length)
        {
            var end = word.Length;
            var found = -1;
            while (start < end)
            {
                if (!(end < word.Length && char.IsLowSurrogate(word[end])))
                {
                    scoped ReadOnlySpan<char> candidate;
                    if (start > 0)
                    {
                        ContinuationPrefix.AsSpan().CopyTo(buffer);
                        word.AsSpan(start, end - start).CopyTo(buffer[ContinuationPrefix.Length..]);
                        candidate = buffer[..(ContinuationPrefix.Length + end - start)];
                    }
                    else
                    {
                        candidate = word.AsSpan(start, end - start);
                    }

                    if (_lookup.TryGetValue(candidate, out var id))
                    {
                        found = id;
                        break;
                    }
                }

                end--;
            }

            if (found < 0)
            {
                ids.Add(UnknownId);
                return;
            }

            pieces.Add(found);
            start = end;
        }

        foreach (var id in pieces)
        {
            if (ids.Count >= limit)
            {
                return;
            }

            ids.Add(id);
        }
    }

    private int Require(string token) => _vocabulary.TryGetValue(token, out var id)
        ? id
        : throw new InvalidDataException($"The vocabulary has no '{token}' token; it is not a BERT WordPiece vocabulary.");

    private static void Flush(StringBuilder piece, List<string> words)
    {
        if (piece.Length > 0)
        {
            words.Add(piece.ToString());
            piece.Clear();
        }
    }

    // BERT's whitespace split (Python's str.split) also splits at the line and paragraph separators U+2028 and U+2029.
    private static bool IsWhiteSpace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    private static bool IsPunctuation(Rune rune)
    {
        var cp = rune.Value;
        if (cp is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
