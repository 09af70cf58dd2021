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
    private readonly uint[] _hashes;
    private readonly string?[] _keys;
    private readonly LexiconEntry[] _entries;
    private readonly int _mask;

    /// <summary>Builds the table from the case-insensitive lexicon.</summary>
    /// <param name="lexicon">Every word and its entry, keyed case-insensitively (ordinal).</param>
    public AsciiWordTable(IReadOnlyDictionary<string, LexiconEntry> lexicon)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, lexicon.Count * 4));
        _hashes = new uint[size];
        _keys = new string?[size];
        _entries = new LexiconEntry[size];
        _mask = size - 1;
        foreach (var (key, entry) in lexicon)
        {
            if (Fold(key) is not { } folded)
            {
                continue;
            }

            var hash = Hash(folded);
            var index = (int)(hash & (uint)_mask);
            while (_keys[index] is not null)
            {
                index = (index + 1) & _mask;
            }

            _hashes[index] = hash;
            _keys[index] = folded;
            _entries[index] = entry;
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
        while (_keys[index] is { } key)
        {
            if (_hashes[index] == hash && System.Text.Ascii.EqualsIgnoreCase(word, key))
            {
                return _entries[index];
            }

            index = (index + 1) & _mask;
        }

        return null;
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
}
