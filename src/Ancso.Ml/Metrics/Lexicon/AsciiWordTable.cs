namespace Ancso.Ml.Metrics.Lexicon;

/// <summary>
/// The lexicon for all-ASCII words, which are almost all words scanned: an open-addressing table keyed by FNV-1a over
/// the lower-cased word (the hash the scanner computes for counting repetitions anyway), so a lookup costs one probe and
/// one short compare instead of a case-insensitive Marvin hash and compare.
/// </summary>
/// <remarks>
/// It answers exactly as the <see cref="StringComparer.OrdinalIgnoreCase"/> dictionary it is built from: ordinal
/// ignore-case equality is per character (simple case mapping), so an ASCII word equals a key exactly when every key
/// character equals the word's character ignoring case. Each key is stored with every character replaced by the
/// lower-case ASCII character it equals ignoring case (found by asking the comparer itself, so a key such as "ı" that
/// equals "I" is found too); a key with a character that equals no ASCII character can never match an ASCII word and is
/// left out.
/// </remarks>
internal sealed class AsciiWordTable
{
    private readonly Slot[] _slots;
    private readonly int _mask;

    /// <summary>Builds the table from the case-insensitive lexicon.</summary>
    /// <param name="lexicon">Every word and its entry, keyed case-insensitively (ordinal).</param>
    public AsciiWordTable(IReadOnlyDictionary<string, LexiconEntry> lexicon)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, lexicon.Count * 2));
        _slots = new Slot[size];
        _mask = size - 1;
        foreach (var (key, entry) in lexicon)
        {
            if (Fold(key) is not { } folded)
            {
                continue;
            }

            var hash = Hash(folded);
            var index = (int)(hash & (uint)_mask);
            while (_slots[index].Key is not null)
            {
                index = (index + 1) & _mask;
            }

            _slots[index] = new Slot(hash, folded, entry);
        }
    }

    /// <summary>FNV-1a over the ASCII-lower-cased characters of <paramref name="word"/>.</summary>
    /// <param name="word">The word; ASCII.</param>
    /// <returns>The hash.</returns>
    public static uint Hash(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ (c is >= 'A' and <= 'Z' ? (uint)(c + 32) : c)) * 16777619u;
        }

        return hash;
    }

    /// <summary>Finds an all-ASCII word.</summary>
    /// <param name="word">The word; ASCII only, any case.</param>
    /// <param name="hash">Its <see cref="Hash"/>.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    public LexiconEntry? Find(ReadOnlySpan<char> word, uint hash)
    {
        var index = (int)(hash & (uint)_mask);
        while (true)
        {
            ref readonly var slot = ref _slots[index];
            if (slot.Key is null)
            {
                return null;
            }

            if (slot.Hash == hash && EqualsFolded(word, slot.Key))
            {
                return slot.Entry;
            }

            index = (index + 1) & _mask;
        }
    }

    // An ASCII word against a folded key; words are short, so a plain loop beats a vectorized call.
    private static bool EqualsFolded(ReadOnlySpan<char> word, string key)
    {
        if (word.Length != key.Length)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if ((c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) != key[i])
            {
                return false;
            }
        }

        return true;
    }

    // The key with each character replaced by the lower-case ASCII character it equals ignoring case; null when some
    // character equals none.
    private static string? Fold(string key)
    {
        var folded = new char[key.Length];
        for (var i = 0; i < key.Length; i++)
        {
            if (char.IsAscii(key[i]))
            {
                folded[i] = char.ToLowerInvariant(key[i]); // an ASCII character equals only itself and its other case
                continue;
            }

            var match = '\0';
            for (var a = (char)0; a < 128 && match == '\0'; a++)
            {
                if (string.Equals(key[i].ToString(), a.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    match = a is >= 'A' and <= 'Z' ? (char)(a + 32) : a;
                }
            }

            if (match == '\0')
            {
                return null;
            }

            folded[i] = match;
        }

        return new string(folded);
    }

    // One slot per cache access: the hash, the folded key and the entry side by side.
    private readonly record struct Slot(uint Hash, string? Key, LexiconEntry? Entry);
}
