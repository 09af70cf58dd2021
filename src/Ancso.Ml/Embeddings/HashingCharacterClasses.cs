using System.Runtime.CompilerServices;

namespace Ancso.Ml.Embeddings;

/// <summary>How the hashing generator's tokenizer treats a character.</summary>
internal enum HashingCharacterClass : byte
{
    /// <summary>Ends a token and is not part of any.</summary>
    Separator,

    /// <summary>Part of a word: letters, digits, marks, and every character not listed elsewhere.</summary>
    Word,

    /// <summary><c>+</c> or <c>#</c>: continues a word (<c>c++</c>, <c>c#</c>) but never starts one.</summary>
    Joiner,

    /// <summary><c>.</c>: continues a word when a word character follows (<c>node.js</c>, <c>3.5</c>).</summary>
    Dot,

    /// <summary>A pictograph, dingbat or arrow (emoji): a token of its own.</summary>
    Symbol,
}

/// <summary>
/// The character classes of the hashing generator, fixed by code point ranges rather than by the runtime's Unicode
/// tables, so a text tokenizes the same way on every .NET version.
/// </summary>
internal static class HashingCharacterClasses
{
    private static readonly HashingCharacterClass[] Ascii = CreateAsciiTable();

    /// <summary>Classifies the character (or surrogate pair) at <paramref name="index"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="index">The position; within <paramref name="text"/>.</param>
    /// <param name="width">Receives the number of code units the character takes: 2 for a surrogate pair, else 1.</param>
    /// <returns>The class.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HashingCharacterClass Classify(ReadOnlySpan<char> text, int index, out int width)
    {
        var c = text[index];
        width = 1;
        if (c < 0x80)
        {
            return Ascii[c];
        }

        if (!char.IsSurrogate(c))
        {
            return ClassifyBmp(c);
        }

        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return ClassifySupplementary(char.ConvertToUtf32(c, text[index + 1]));
        }

        return HashingCharacterClass.Separator;
    }

    private static HashingCharacterClass ClassifyBmp(char c) => c switch
    {
        // C1 controls, no-break space and Latin-1 punctuation and signs; × and ÷.
        <= '\u00BF' or '\u00D7' or '\u00F7' => HashingCharacterClass.Separator,

        // General punctuation (spaces, dashes, quotes, bullets, joiners), currency signs, letterlike symbols (™ №).
        >= '\u2000' and <= '\u206F' or >= '\u20A0' and <= '\u20CF' or >= '\u2100' and <= '\u214F' => HashingCharacterClass.Separator,

        // Arrows, mathematical operators, technical symbols, box drawing, shapes, miscellaneous symbols, dingbats.
        >= '\u2190' and <= '\u2BFF' => HashingCharacterClass.Symbol,

        // CJK punctuation (ideographic space, 、。「」), keeping the iteration and repeat marks that belong to words.
        >= '\u3000' and <= '\u3004' or >= '\u3008' and <= '\u3020' or '\u3030' or >= '\u303D' and <= '\u303F' => HashingCharacterClass.Separator,

        // Variation selectors, vertical and small forms, byte order mark.
        >= '\uFE00' and <= '\uFE19' or >= '\uFE30' and <= '\uFE6F' or '\uFEFF' => HashingCharacterClass.Separator,

        // Full-width and half-width punctuation, specials (including the replacement character).
        >= '\uFF01' and <= '\uFF0F' or >= '\uFF1A' and <= '\uFF20' or >= '\uFF3B' and <= '\uFF40' or >= '\uFF5B' and <= '\uFF65' or >= '\uFFF0' => HashingCharacterClass.Separator,

        _ => HashingCharacterClass.Word,
    };

    private static HashingCharacterClass ClassifySupplementary(int codePoint) => codePoint switch
    {
        // Skin tone modifiers qualify the emoji before them; they carry no meaning of their own.
        >= 0x1F3FB and <= 0x1F3FF => HashingCharacterClass.Separator,

        // Mahjong and playing cards, enclosed alphanumerics, emoticons, transport, pictographs, symbols extended.
        >= 0x1F000 and <= 0x1FAFF => HashingCharacterClass.Symbol,

        // Tag characters (subdivision flags) and variation selectors supplement.
        >= 0xE0000 and <= 0xE01EF => HashingCharacterClass.Separator,

        _ => HashingCharacterClass.Word,
    };

    private static HashingCharacterClass[] CreateAsciiTable()
    {
        var table = new HashingCharacterClass[0x80];
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = HashingCharacterClass.Word;
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = HashingCharacterClass.Word;
            table[c - 0x20] = HashingCharacterClass.Word;
        }

        table['+'] = HashingCharacterClass.Joiner;
        table['#'] = HashingCharacterClass.Joiner;
        table['.'] = HashingCharacterClass.Dot;
        return table;
    }
}
