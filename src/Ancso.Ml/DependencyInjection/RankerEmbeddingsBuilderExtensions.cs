using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the ranker's embedding generator: any <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of text.</summary>
public static class RankerEmbeddingsBuilderExtensions
{
    /// <summary>
    /// Makes <paramref name="generator"/> the ranker's embedding generator, replacing the offline hashing default. The
    /// ranker still fetches through its embeddings pipeline (validation, caches, micro-batching) over it. Set
    /// <c>RankerOptions.EmbeddingDimension</c> to the generator's dimension.
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="generator">The generator; the container disposes it.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UseEmbeddingGenerator(this IRankerBuilder builder, IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return builder.UseEmbeddingGenerator(_ => generator);
    }

    /// <summary>
    /// Makes the generator <paramref name="factory"/> creates the ranker's embedding generator, replacing the offline
    /// hashing default (see <see cref="UseEmbeddingGenerator(IRankerBuilder, IEmbeddingGenerator{string, Embedding{float}})"/>).
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="factory">Creates the generator once, from the container.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UseEmbeddingGenerator(
        this IRankerBuilder builder, Func<IServiceProvider, IEmbeddingGenerator<string, Embedding<float>>> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<IEmbeddingGenerator<string, Embedding<float>>>();
        builder.Services.AddSingleton(factory);
        return builder;
    }
}
