namespace Ancso.Ml.Embeddings;

/// <summary>
/// Names an embedding generator for model metadata and the embedding cache:
/// <c>{provider}:{model}</c> from its <see cref="EmbeddingGeneratorMetadata"/>, for example
/// <c>ancso:hashing-v1</c> or <c>openrouter:openai/text-embedding-3-small</c>.
/// </summary>
public static class EmbeddingGeneratorIdentity
{
    /// <summary>Gets the id and dimension a generator declares.</summary>
    /// <param name="generator">The generator.</param>
    /// <param name="fallbackDimension">The dimension to use when the generator does not declare one.</param>
    /// <returns>The generator's id and dimension.</returns>
    /// <exception cref="InvalidOperationException">Neither the generator nor <paramref name="fallbackDimension"/> gives a positive dimension.</exception>
    public static (string Id, int Dimension) Describe(IEmbeddingGenerator<string, Embedding<float>> generator, int? fallbackDimension = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var provider = string.IsNullOrWhiteSpace(metadata?.ProviderName) ? generator.GetType().Name : metadata!.ProviderName!;
        var model = string.IsNullOrWhiteSpace(metadata?.DefaultModelId) ? "default" : metadata!.DefaultModelId!;
        var dimension = metadata?.DefaultModelDimensions ?? fallbackDimension;
        if (dimension is null or <= 0)
        {
            throw new InvalidOperationException(
                $"The embedding generator '{provider}:{model}' does not declare its dimension. Set RankerOptions.EmbeddingDimension to the dimension of its vectors.");
        }

        return ($"{provider}:{model}", dimension.Value);
    }
}
