namespace Ancso.Ml.Embeddings;

/// <summary>The <see cref="IEmbeddingGenerator.GetService"/> of the ranker's own providers.</summary>
internal static class EmbeddingGeneratorServices
{
    /// <summary>
    /// Answers an unkeyed request for <see cref="EmbeddingGeneratorMetadata"/> with <paramref name="metadata"/>, and one
    /// for a type the generator is with the generator itself; anything else, and any keyed request, with <see langword="null"/>.
    /// </summary>
    public static object? Get(IEmbeddingGenerator generator, EmbeddingGeneratorMetadata metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return metadata;
        }

        return serviceType.IsInstanceOfType(generator) ? generator : null;
    }
}
