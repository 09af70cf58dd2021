using System.Collections.Frozen;

namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>
/// The word lists the metrics use, as case-insensitive frozen sets. Multi-word entries are phrases and are matched
/// word by word. <see cref="WordLexicon"/> combines them into the one lookup the scanner uses.
/// </summary>
internal static partial class Lexicons
{
    private static FrozenSet<string> Set(params ReadOnlySpan<string> words) =>
        FrozenSet.Create(StringComparer.OrdinalIgnoreCase, words);
}
