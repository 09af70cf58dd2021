using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace Ancso.Ml.Embeddings;

/// <summary>
/// The offline embedding generator (<c>ancso:hashing-v1</c>): feature hashing of words, word pairs and character
/// trigrams. Needs no network and no API key, is thread-safe, and gives bit-identical vectors for the same text on every
/// process, machine, operating system and .NET version.
/// </summary>
/// <remarks>
/// <para>The algorithm, all of which the id <c>hashing-v1</c> names (any change to it needs a new id):</para>
/// <list type="number">
/// <item><description>Fold case with a fixed table (Latin, Greek, Cyrillic, Armenian, Georgian and full-width Latin
/// capitals to lower case; <c>İ</c> to <c>i</c>, <c>ς</c> to <c>σ</c>); no culture or ICU is consulted. Text is not
/// Unicode-normalised: normalise it first if it mixes composed and decomposed forms.</description></item>
/// <item><description>Split into tokens by fixed code point classes. A word is a run of letters, digits and marks (any
/// character not listed below), continued by <c>+</c> and <c>#</c> (<c>c++</c>, <c>c#</c>) and by a <c>.</c> followed by
/// a word character (<c>node.js</c>, <c>3.5</c>). Each pictograph (emoji, dingbats, arrows, shapes: U+2190–U+2BFF,
/// U+1F000–U+1FAFF) is a token of its own. Spaces, controls, ASCII and Latin-1 punctuation, general punctuation,
/// currency and letterlike signs, CJK and full-width punctuation, variation selectors, skin tone modifiers and
/// unpaired surrogates separate tokens.</description></item>
/// <item><description>For each token, in order: every character trigram of <c>\u0002 + token + \u0002</c> (weight
/// 0.35), the token itself (weight 1.0), and the pair of the previous token and this one (weight 0.7).</description></item>
/// <item><description>Hash over UTF-16 code units: a token is 64-bit FNV-1a (one step per code unit); a trigram packs its
/// three code units into one 48-bit value; a pair combines the two token hashes as <c>previous × φ ⊕ token</c>. Each
/// kind has its own 64-bit seed, and the result goes through MurmurHash3's 64-bit finalizer. The low 32 bits pick the
/// bucket (<c>(low × D) &gt;&gt; 32</c>), the top bit the sign.</description></item>
/// <item><description>Weight each bucket sublinearly, <c>sign(x)·√|x|</c>, then scale the vector to unit L2 norm. A
/// text without tokens (empty, or only spaces and punctuation) gives the zero vector.</description></item>
/// </list>
/// <para>Only additions, multiplications, square roots and one division are used, all correctly rounded under IEEE 754,
/// in a fixed order, so no platform's math library can change a bit of the result.</para>
/// </remarks>
public sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id recorded in metadata: <c>hashing-v1</c>. A change to the algorithm changes this id.</summary>
    public const string ModelId = "hashing-v1";

    /// <summary>The provider name recorded in metadata: <c>ancso</c>.</summary>
    public const string ProviderName = "ancso";

    /// <summary>The default dimension: 1536, as the original system's embeddings.</summary>
    public const int DefaultDimension = 1536;

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

        var result = values is ICollection<string> collection ? new GeneratedEmbeddings<Embedding<float>>(collection.Count) : [];
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var vector = new float[Dimension];
            Embed(value ?? string.Empty, vector);
            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        return Task.FromResult(result);
    }

    /// <summary>Embeds one text into <paramref name="destination"/> without allocating.</summary>
    /// <param name="text">The text.</param>
    /// <param name="destination">A span of exactly <see cref="Dimension"/> floats; overwritten.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void Embed(string text, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        Embed(text.AsSpan(), destination);
    }

    /// <summary>Embeds one text into <paramref name="destination"/> without allocating.</summary>
    /// <param name="text">The text.</param>
    /// <param name="destination">A span of exactly <see cref="Dimension"/> floats; overwritten.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void Embed(ReadOnlySpan<char> text, Span<float> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"The destination holds {destination.Length} floats; the generator writes {Dimension}.", nameof(destination));
        }

        destination.Clear();
        HashingFeatureHasher.Accumulate(text, destination);
        Normalize(destination);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorServices.Get(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>Applies <c>sign(x)·√|x|</c> to each bucket, then scales the vector to unit length (a zero vector stays zero).</summary>
    /// <remarks>
    /// The square roots run a vector at a time (IEEE square roots are correctly rounded at every width, so each bucket
    /// gets the same bits). The sum of squares runs in a fixed order in double precision (exact for each term), so the
    /// result does not depend on the machine's vector width; it skips the empty buckets (most of them), which changes
    /// no bit, since adding +0 to a sum of non-negative terms leaves it as it is.
    /// </remarks>
    private static void Normalize(Span<float> vector)
    {
        var sumOfSquares = Vector256.IsHardwareAccelerated ? SignedRootsVector256(vector) : SignedRootsScalar(vector, 0);
        if (sumOfSquares == 0)
        {
            return;
        }

        var scale = (float)(1.0 / Math.Sqrt(sumOfSquares));
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(vector);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] *= scale;
        }

        for (var i = vectors.Length * Vector<float>.Count; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }

    /// <summary>Takes signed roots from <paramref name="start"/> on, one bucket at a time; returns their sum of squares.</summary>
    private static double SignedRootsScalar(Span<float> vector, int start, double sumOfSquares = 0.0)
    {
        for (var i = start; i < vector.Length; i++)
        {
            var x = vector[i];
            var y = MathF.CopySign(MathF.Sqrt(MathF.Abs(x)), x);
            vector[i] = y;
            sumOfSquares += (double)y * y;
        }

        return sumOfSquares;
    }

    /// <summary>Takes signed roots eight buckets at a time; adds the squares of the non-empty ones in index order.</summary>
    private static double SignedRootsVector256(Span<float> vector)
    {
        var sign = Vector256.Create(-0.0f);
        var sumOfSquares = 0.0;
        var blocks = MemoryMarshal.Cast<float, Vector256<float>>(vector);
        for (var b = 0; b < blocks.Length; b++)
        {
            var x = blocks[b];
            var nonZero = ~Vector256.Equals(x, Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFFu;
            if (nonZero == 0)
            {
                continue;
            }

            var y = Vector256.Sqrt(Vector256.AndNot(x, sign)) | (x & sign);
            blocks[b] = y;
            var at = b * Vector256<float>.Count;
            do
            {
                var lane = BitOperations.TrailingZeroCount(nonZero);
                var root = vector[at + lane];
                sumOfSquares += (double)root * root;
                nonZero &= nonZero - 1;
            }
            while (nonZero != 0);
        }

        return SignedRootsScalar(vector, blocks.Length * Vector256<float>.Count, sumOfSquares);
    }
}
