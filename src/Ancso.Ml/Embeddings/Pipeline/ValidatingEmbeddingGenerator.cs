namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Checks what the inner generator answers (one embedding per text, the declared dimension, finite values) and throws
/// <see cref="EmbeddingServiceException"/> (<see cref="EmbeddingServiceErrorKind.InvalidResponse"/>) otherwise, so a bad
/// vector never reaches a model or a dataset. A completed inner call is checked without an await.
/// </summary>
internal sealed class ValidatingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _generatorId;
    private readonly int _dimension;
    private readonly bool _tallyAsGenerated;

    /// <param name="innerGenerator">The generator checked.</param>
    /// <param name="generatorId">Its id, for messages.</param>
    /// <param name="dimension">The dimension every vector must have.</param>
    /// <param name="tallyAsGenerated">Count every text as generated in <see cref="EmbeddingCacheTally"/> (a pipeline without a cache).</param>
    public ValidatingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, string generatorId, int dimension, bool tallyAsGenerated = false)
        : base(innerGenerator)
    {
        _generatorId = generatorId;
        _dimension = dimension;
        _tallyAsGenerated = tallyAsGenerated;
    }

    /// <summary>Gets the generator checked.</summary>
    internal IEmbeddingGenerator<string, Embedding<float>> Inner => InnerGenerator;

    /// <summary>Gets whether every text is counted as generated in <see cref="EmbeddingCacheTally"/>.</summary>
    internal bool TalliesAsGenerated => _tallyAsGenerated;

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyCollection<string> ?? [.. values];
        var pending = base.GenerateAsync(texts, options, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            EmbeddingVectorCheck.CheckAll(_generatorId, _dimension, pending.Result, texts.Count);
            Tally(texts.Count);
            return pending;
        }

        return CheckAsync(pending, texts.Count);
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> CheckAsync(Task<GeneratedEmbeddings<Embedding<float>>> pending, int expected)
    {
        var embeddings = await pending.ConfigureAwait(false);
        EmbeddingVectorCheck.CheckAll(_generatorId, _dimension, embeddings, expected);
        Tally(expected);
        return embeddings;
    }

    private void Tally(int count)
    {
        if (_tallyAsGenerated)
        {
            EmbeddingCacheTally.Current?.AddGenerated(count);
        }
    }
}
