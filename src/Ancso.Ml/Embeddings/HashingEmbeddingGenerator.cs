using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Ancso.Ml.Embeddings;

/// <summary>
/// An offline embedding generator (<c>ancso:hashing-v1</c>): word unigrams, word bigrams and character trigrams of the
/// lower-cased text, signed feature hashing (64-bit FNV-1a, stable across processes, machines and .NET versions) into
/// <see cref="Dimension"/> buckets, sublinear weighting <c>sign(x)·ln(1 + |x|)</c> per bucket, then L2 normalisation.
/// Needs no network and no API key; thread-safe.
/// </summary>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id recorded in metadata: <c>hashing-v1</c>. A change to the algorithm changes this id.</summary>
    public const string ModelId = "hashing-v1";

    /// <summary>The provider name recorded in metadata: <c>ancso</c>.</summary>
    public const string ProviderName = "ancso";

    /// <summary>The default dimension: 1536, as the original system's embeddings.</summary>
    public const int DefaultDimension = 1536;

    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const ulong UnigramSeed = 0x75UL;
    private const ulong BigramSeed = 0x62UL;
    private const ulong TrigramSeed = 0x63UL;
    private const float UnigramWeight = 1.0f;
    private const float BigramWeight = 0.7f;
    private const float TrigramWeight = 0.35f;
    private const char Boundary = '\u0002';

    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates a generator.</summary>
    /// <param name="dimension">The number of dimensions; at least 8.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is below 8.</exception>
    public HashingEmbeddingGenerator(int dimension = DefaultDimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 8);
        Dimension = dimension;
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, defaultModelId: ModelId, defaultModelDimensions: dimension);
    }

    /// <summary>Gets the number of dimensions.</summary>
    public int Dimension { get; }

    /// <inheritdoc/>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } requested && requested != Dimension)
        {
            throw new ArgumentException($"This hashing generator produces {Dimension} dimensions; {requested} were requested.", nameof(options));
        }

        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vector = new float[Dimension];
            Embed(value ?? string.Empty, vector);
            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        return Task.FromResult(result);
    }

    /// <summary>Embeds one text into <paramref name="destination"/> without allocating the result.</summary>
    /// <param name="text">The text.</param>
    /// <param name="destination">A span of exactly <see cref="Dimension"/> floats; overwritten.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void Embed(string text, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"The destination holds {destination.Length} floats; the generator writes {Dimension}.", nameof(destination));
        }

        destination.Clear();
        if (text.Length == 0)
        {
            return;
        }

        var rented = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var lower = rented.AsSpan(0, text.Length);
            text.AsSpan().ToLowerInvariant(lower);
            Accumulate(lower, destination);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        double norm = 0;
        for (var i = 0; i < destination.Length; i++)
        {
            var x = destination[i];
            if (x != 0)
            {
                var y = MathF.CopySign(MathF.Log(1f + MathF.Abs(x)), x);
                destination[i] = y;
                norm += (double)y * y;
            }
        }

        if (norm > 0)
        {
            var scale = (float)(1.0 / Math.Sqrt(norm));
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] *= scale;
            }
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static void Accumulate(ReadOnlySpan<char> text, Span<float> vector)
    {
        var previousStart = -1;
        var previousLength = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsTokenChar(text, i))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsTokenChar(text, i))
            {
                i++;
            }

            var token = text[start..i];
            Add(vector, Hash(UnigramSeed, token), UnigramWeight);
            if (previousStart >= 0)
            {
                var h = Hash(BigramSeed, text.Slice(previousStart, previousLength));
                h = Step(h, ' ');
                Add(vector, Continue(h, token), BigramWeight);
            }

            AddTrigrams(vector, token);
            previousStart = start;
            previousLength = token.Length;
        }
    }

    private static void AddTrigrams(Span<float> vector, ReadOnlySpan<char> token)
    {
        // Trigrams of Boundary + token + Boundary.
        var padded = token.Length + 2;
        for (var s = 0; s + 3 <= padded; s++)
        {
            var h = TrigramSeed ^ FnvOffset;
            for (var k = s; k < s + 3; k++)
            {
                var c = k == 0 || k == padded - 1 ? Boundary : token[k - 1];
                h = Step(h, c);
            }

            Add(vector, h, TrigramWeight);
        }
    }

    private static bool IsTokenChar(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }

        if (c is '+' or '#')
        {
            return i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '+');
        }

        // A dot inside a word joins it: node.js, asp.net, 3.5.
        return c == '.' && i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ulong seed, ReadOnlySpan<char> chars) => Continue(seed ^ FnvOffset, chars);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Continue(ulong h, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            h = Step(h, c);
        }

        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong h, char c)
    {
        h = (h ^ (byte)c) * FnvPrime;
        return (h ^ (byte)(c >> 8)) * FnvPrime;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Span<float> vector, ulong h, float weight)
    {
        // Final avalanche so that nearby hashes spread over buckets and signs.
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        var index = (int)((h & 0x7FFFFFFFFFFFFFFFUL) % (ulong)vector.Length);
        vector[index] += (h >> 63) == 0 ? weight : -weight;
    }
}
