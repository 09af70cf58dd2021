namespace Ancso.Ml.Metrics.Analysis;

/// <summary>Estimates syllables per word: vowel groups for alphabetic scripts, a length estimate otherwise.</summary>
internal static class Syllables
{
    /// <summary>Estimates the syllables of one word.</summary>
    /// <param name="word">The word.</param>
    /// <param name="letters">Its letters.</param>
    /// <param name="upper">Its upper-case letters.</param>
    /// <param name="digits">Whether it holds digits.</param>
    /// <returns>At least 1.</returns>
    public static int Count(ReadOnlySpan<char> word, int letters, int upper, bool digits)
    {
        if (digits || letters <= 1)
        {
            return 1;
        }

        if (upper == letters && letters <= 5)
        {
            return 1; // an acronym is read as one unit
        }

        var groups = 0;
        var inVowel = false;
        foreach (var c in word)
        {
            var vowel = IsVowel(c);
            if (vowel && !inVowel)
            {
                groups++;
            }

            inVowel = vowel;
        }

        if (groups == 0)
        {
            return Math.Max(1, (letters + 2) / 3); // scripts without written vowels
        }

        var n = word.Length;
        if (groups > 1 && n > 2)
        {
            var last = char.ToLowerInvariant(word[n - 1]);
            var before = char.ToLowerInvariant(word[n - 2]);
            if (last == 'e' && !(before == 'l' && n > 3 && !IsVowel(word[n - 3])) && !IsVowel(before))
            {
                groups--; // silent e: "make", "scale"
            }
            else if (last == 'd' && before == 'e' && n > 3 && char.ToLowerInvariant(word[n - 3]) is not ('t' or 'd'))
            {
                groups--; // "-ed" without its own syllable: "shipped", "worked"
            }
        }

        return Math.Max(1, groups);
    }

    // ASCII first: (c | 0x20) lower-cases an ASCII letter and maps no other ASCII character onto a vowel.
    private static bool IsVowel(char c) => c < 128 ? IsAsciiVowel((uint)((c | 0x20) - 'a')) : IsOtherVowel(c);

    // Bit n of the mask is set when the n-th letter of the alphabet is a, e, i, o, u or y.
    private static bool IsAsciiVowel(uint letter) =>
        letter < 26 && ((1u << (int)letter) & ((1u << 0) | (1u << 4) | (1u << 8) | (1u << 14) | (1u << 20) | (1u << 24))) != 0;

    private static bool IsOtherVowel(char c) => char.ToLowerInvariant(c) switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' or 'y' => true,
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' or 'æ' or 'è' or 'é' or 'ê' or 'ë' or 'ì' or 'í' or 'î' or 'ï' => true,
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' or 'œ' or 'ù' or 'ú' or 'û' or 'ü' or 'ý' or 'ÿ' => true,
        'а' or 'е' or 'ё' or 'и' or 'о' or 'у' or 'ы' or 'э' or 'ю' or 'я' or 'і' or 'ї' or 'є' => true,
        'α' or 'ε' or 'η' or 'ι' or 'ο' or 'υ' or 'ω' or 'ά' or 'έ' or 'ή' or 'ί' or 'ό' or 'ύ' or 'ώ' => true,
        _ => false,
    };
}
