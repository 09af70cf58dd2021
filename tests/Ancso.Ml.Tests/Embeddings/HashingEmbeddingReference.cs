using System.Text;
using Ancso.Ml.Embeddings;

namespace Ancso.Ml.Tests.Embeddings;

/// <summary>
/// A plain, unoptimised rendering of the <c>ancso:hashing-v1</c> algorithm as its documentation states it: code points,
/// range tables and strings instead of the generator's single pass. The generator must agree with it bit for bit.
/// </summary>
internal static class HashingEmbeddingReference
{
    private const ulong Phi = 0x9E3779B97F4A7C15UL;
    private const ulong UnigramSeed = 0x9AE16A3B2F90404FUL;
    private const ulong BigramSeed = 0xC3A5C85C97CB3127UL;
    private const ulong TrigramSeed = 0xB492B66FBE98F273UL;

    private static readonly (int First, int Last)[] SeparatorRanges =
    [
        (0x80, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F),
        (0x3000, 0x3004), (0x3008, 0x3020), (0x3030, 0x3030), (0x303D, 0x303F), (0xFE00, 0xFE19), (0xFE30, 0xFE6F),
        (0xFEFF, 0xFEFF), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65), (0xFFF0, 0xFFFF),
        (0x1F3FB, 0x1F3FF), (0xE0000, 0xE01EF),
    ];

    private static readonly (int First, int Last)[] SymbolRanges = [(0x2190, 0x2BFF), (0x1F000, 0x1FAFF)];

    private enum Kind
    {
        Separator,
        Word,
        Joiner,
        Dot,
        Symbol,
    }

    public static float[] Embed(string text, int dimension)
    {
        var vector = new float[dimension];
        ulong? previous = null;
        foreach (var token in Tokenize(new string(text.Select(HashingTextFolding.Fold).ToArray())))
        {
            var padded = "\u0002" + token + "\u0002";
            for (var k = 0; k + 3 <= padded.Length; k++)
            {
                var packed = ((ulong)padded[k] << 32) | ((ulong)padded[k + 1] << 16) | padded[k + 2];
                AddFeature(vector, packed ^ TrigramSeed, 0.35f);
            }

            var hash = 14695981039346656037UL;
            foreach (var unit in token)
            {
                hash = (hash ^ unit) * 1099511628211UL;
            }

            AddFeature(vector, hash ^ UnigramSeed, 1.0f);
            if (previous is { } p)
            {
                AddFeature(vector, (p * Phi) ^ hash ^ BigramSeed, 0.7f);
            }

            previous = hash;
        }

        var sumOfSquares = 0.0;
        for (var i = 0; i < dimension; i++)
        {
            var root = MathF.Sqrt(Math.Abs(vector[i]));
            vector[i] = vector[i] < 0 ? -root : root;
            sumOfSquares += (double)vector[i] * vector[i];
        }

        if (sumOfSquares > 0)
        {
            var scale = (float)(1.0 / Math.Sqrt(sumOfSquares));
            for (var i = 0; i < dimension; i++)
            {
                vector[i] *= scale;
            }
        }

        return vector;
    }

    private static List<string> Tokenize(string text)
    {
        var characters = new List<(string Text, Kind Kind)>();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                characters.Add((text.Substring(i, 2), KindOf(char.ConvertToUtf32(text[i], text[i + 1]))));
                i += 2;
            }
            else
            {
                characters.Add((text[i].ToString(), char.IsSurrogate(text[i]) ? Kind.Separator : KindOf(text[i])));
                i++;
            }
        }

        var tokens = new List<string>();
        StringBuilder? word = null;
        for (var j = 0; j < characters.Count; j++)
        {
            var (chars, kind) = characters[j];
            if (word is not null)
            {
                var continues = kind is Kind.Word or Kind.Joiner
                    || (kind == Kind.Dot && j + 1 < characters.Count && characters[j + 1].Kind == Kind.Word);
                if (continues)
                {
                    word.Append(chars);
                    continue;
                }

                tokens.Add(word.ToString());
                word = null;
            }

            if (kind == Kind.Word)
            {
                word = new StringBuilder(chars);
            }
            else if (kind == Kind.Symbol)
            {
                tokens.Add(chars);
            }
        }

        if (word is not null)
        {
            tokens.Add(word.ToString());
        }

        return tokens;
    }

    private static Kind KindOf(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint switch
            {
                >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Kind.Word,
                '+' or '#' => Kind.Joiner,
                '.' => Kind.Dot,
                _ => Kind.Separator,
            };
        }

        if (SeparatorRanges.Any(r => codePoint >= r.First && codePoint <= r.Last))
        {
            return Kind.Separator;
        }

        return SymbolRanges.Any(r => codePoint >= r.First && codePoint <= r.Last) ? Kind.Symbol : Kind.Word;
    }

    private static void AddFeature(float[] vector, ulong value, float weight)
    {
        var h = value;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        var bucket = (int)((h & uint.MaxValue) * (ulong)vector.Length >> 32);
        vector[bucket] += (h & (1UL << 63)) != 0 ? -weight : weight;
    }
}
