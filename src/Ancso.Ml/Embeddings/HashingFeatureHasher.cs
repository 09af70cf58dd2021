using System.Runtime.CompilerServices;

namespace Ancso.Ml.Embeddings;

/// <summary>
/// Tokenizes a text and adds its signed, weighted feature hashes to a vector in one pass, with no allocation. The
/// algorithm is described on <see cref="HashingEmbeddingGenerator"/>; every constant here is part of the generator's id.
/// </summary>
internal static class HashingFeatureHasher
{
    internal const ulong FnvOffset = 14695981039346656037UL;
    internal const ulong FnvPrime = 1099511628211UL;
    internal const ulong UnigramSeed = 0x9AE16A3B2F90404FUL;
    internal const ulong BigramSeed = 0xC3A5C85C97CB3127UL;
    internal const ulong TrigramSeed = 0xB492B66FBE98F273UL;
    internal const ulong BigramMultiplier = 0x9E3779B97F4A7C15UL;
    internal const float UnigramWeight = 1.0f;
    internal const float BigramWeight = 0.7f;
    internal const float TrigramWeight = 0.35f;
    internal const char Boundary = '\u0002';

    /// <summary>Adds the features of <paramref name="text"/> to <paramref name="vector"/>.</summary>
    /// <param name="text">The text, not yet folded.</param>
    /// <param name="vector">The vector; its length is the number of buckets.</param>
    public static void Accumulate(ReadOnlySpan<char> text, Span<float> vector)
    {
        var previous = 0UL;
        var hasPrevious = false;
        var i = 0;
        while (i < text.Length)
        {
            var kind = HashingCharacterClasses.Classify(text, i, out var width);
            if (kind is not (HashingCharacterClass.Word or HashingCharacterClass.Symbol))
            {
                i += width;
                continue;
            }

            var start = i;
            i += width;
            if (kind == HashingCharacterClass.Word)
            {
                i = ScanWord(text, i);
            }

            var token = AddToken(text[start..i], vector);
            if (hasPrevious)
            {
                Add(vector, Mix((previous * BigramMultiplier) ^ token ^ BigramSeed), BigramWeight);
            }

            previous = token;
            hasPrevious = true;
        }
    }

    /// <summary>Mixes a 64-bit value so that every input bit affects every output bit (MurmurHash3's finalizer).</summary>
    /// <param name="h">The value.</param>
    /// <returns>The mixed value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }

    /// <summary>Adds a signed weight to the bucket a mixed hash selects: bucket from the low 32 bits, sign from the top bit.</summary>
    /// <param name="vector">The vector.</param>
    /// <param name="h">The mixed hash.</param>
    /// <param name="weight">The weight.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Add(Span<float> vector, ulong h, float weight)
    {
        var index = (int)(((h & 0xFFFFFFFFUL) * (ulong)(uint)vector.Length) >> 32);
        vector[index] += (long)h < 0 ? -weight : weight;
    }

    /// <summary>Packs a character trigram into one value for <see cref="Mix"/>.</summary>
    /// <param name="a">The first code unit.</param>
    /// <param name="b">The second code unit.</param>
    /// <param name="c">The third code unit.</param>
    /// <returns>The packed trigram, seeded.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Trigram(ulong a, ulong b, ulong c) => ((a << 32) | (b << 16) | c) ^ TrigramSeed;

    private static int ScanWord(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length)
        {
            var kind = HashingCharacterClasses.Classify(text, i, out var width);
            if (kind is HashingCharacterClass.Word or HashingCharacterClass.Joiner
                || (kind == HashingCharacterClass.Dot && i + 1 < text.Length && HashingCharacterClasses.Classify(text, i + 1, out _) == HashingCharacterClass.Word))
            {
                i += width;
                continue;
            }

            break;
        }

        return i;
    }

    /// <summary>Adds a token's unigram and its character trigrams (with boundary markers at both ends).</summary>
    /// <returns>The token's FNV-1a hash, for the bigram with the next token.</returns>
    private static ulong AddToken(ReadOnlySpan<char> token, Span<float> vector)
    {
        ulong first = Boundary;
        ulong second = HashingTextFolding.Fold(token[0]);
        var hash = (FnvOffset ^ second) * FnvPrime;
        for (var k = 1; k < token.Length; k++)
        {
            ulong third = HashingTextFolding.Fold(token[k]);
            hash = (hash ^ third) * FnvPrime;
            Add(vector, Mix(Trigram(first, second, third)), TrigramWeight);
            first = second;
            second = third;
        }

        Add(vector, Mix(Trigram(first, second, Boundary)), TrigramWeight);
        Add(vector, Mix(hash ^ UnigramSeed), UnigramWeight);
        return hash;
    }
}
