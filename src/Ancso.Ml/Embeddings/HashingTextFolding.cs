using System.Runtime.CompilerServices;

namespace Ancso.Ml.Embeddings;

/// <summary>
/// The case folding of the hashing generator: a fixed table, so the same text folds the same way on every runtime,
/// operating system and globalization mode (no culture, no ICU). It lower-cases Latin (Basic, Latin-1, Extended-A, the
/// regular parts of Extended-B, Extended Additional), Greek (basic), Cyrillic, Armenian, Georgian and full-width Latin
/// capitals as Unicode's simple lower-case mapping does, and also folds <c>İ</c> (U+0130) to <c>i</c> and final sigma
/// <c>ς</c> to <c>σ</c>. Every other UTF-16 code unit is kept as it is.
/// </summary>
internal static class HashingTextFolding
{
    /// <summary>Folds one UTF-16 code unit.</summary>
    /// <param name="c">The code unit.</param>
    /// <returns>Its folded form.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c)
    {
        if (c < 0x80)
        {
            return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }

        return FoldNonAscii(c);
    }

    private static char FoldNonAscii(char c) => c switch
    {
        < '\u00C0' => c,
        <= '\u00DE' => c == '\u00D7' ? c : (char)(c + 0x20),
        < '\u0100' => c,
        <= '\u017F' => FoldLatinExtendedA(c),
        <= '\u024F' => FoldLatinExtendedB(c),
        < '\u0370' => c,
        <= '\u03FF' => FoldGreek(c),
        <= '\u052F' => FoldCyrillic(c),
        >= '\u0531' and <= '\u0556' => (char)(c + 0x30),
        >= '\u10A0' and <= '\u10C5' => (char)(c + 0x1C60),
        '\u10C7' or '\u10CD' => (char)(c + 0x1C60),
        >= '\u1C90' and <= '\u1CBA' => (char)(c - 0xBC0),
        >= '\u1CBD' and <= '\u1CBF' => (char)(c - 0xBC0),
        >= '\u1E00' and <= '\u1EFF' => FoldLatinExtendedAdditional(c),
        >= '\uFF21' and <= '\uFF3A' => (char)(c + 0x20),
        _ => c,
    };

    private static char FoldLatinExtendedA(char c) => c switch
    {
        '\u0130' => 'i',
        '\u0178' => '\u00FF',
        >= '\u0100' and <= '\u012F' or >= '\u0132' and <= '\u0137' or >= '\u014A' and <= '\u0177' => EvenUpper(c),
        >= '\u0139' and <= '\u0148' or >= '\u0179' and <= '\u017E' => OddUpper(c),
        _ => c,
    };

    private static char FoldLatinExtendedB(char c) => c switch
    {
        '\u01C4' or '\u01C5' => '\u01C6',
        '\u01C7' or '\u01C8' => '\u01C9',
        '\u01CA' or '\u01CB' => '\u01CC',
        '\u01F1' or '\u01F2' => '\u01F3',
        '\u01F4' => '\u01F5',
        >= '\u01CD' and <= '\u01DC' => OddUpper(c),
        >= '\u01DE' and <= '\u01EF' or >= '\u01F8' and <= '\u021F' or >= '\u0222' and <= '\u0233' => EvenUpper(c),
        _ => c,
    };

    private static char FoldGreek(char c) => c switch
    {
        '\u0386' => '\u03AC',
        >= '\u0388' and <= '\u038A' => (char)(c + 0x25),
        '\u038C' => '\u03CC',
        '\u038E' or '\u038F' => (char)(c + 0x3F),
        >= '\u0391' and <= '\u03A1' or >= '\u03A3' and <= '\u03AB' => (char)(c + 0x20),
        '\u03C2' => '\u03C3',
        _ => c,
    };

    private static char FoldCyrillic(char c) => c switch
    {
        <= '\u040F' => (char)(c + 0x50),
        <= '\u042F' => (char)(c + 0x20),
        >= '\u0460' and <= '\u0481' or >= '\u048A' and <= '\u04BF' or >= '\u04D0' and <= '\u052F' => EvenUpper(c),
        '\u04C0' => '\u04CF',
        >= '\u04C1' and <= '\u04CE' => OddUpper(c),
        _ => c,
    };

    private static char FoldLatinExtendedAdditional(char c) => c switch
    {
        <= '\u1E95' or >= '\u1EA0' => EvenUpper(c),
        '\u1E9E' => '\u00DF',
        _ => c,
    };

    private static char EvenUpper(char c) => (c & 1) == 0 ? (char)(c + 1) : c;

    private static char OddUpper(char c) => (c & 1) == 1 ? (char)(c + 1) : c;
}
