using Ancso.Ml.Embeddings.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the offline sentence-embedding model as the ranker's embedding generator.</summary>
public static class LocalEmbeddingsRankerBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="LocalEmbeddingGenerator"/> (<c>local:arctic-embed-xs</c>, 384 dimensions) with default options.
    /// It replaces the offline hashing default; set <c>RankerOptions.EmbeddingDimension</c> to 384. When
    /// <c>AddRanker(configuration)</c> was given the <c>Ranker</c> section, the options are bound from its
    /// <c>LocalEmbeddings</c> subsection (<see cref="LocalEmbeddingOptions.SectionName"/>, <c>Ranker:LocalEmbeddings</c>).
    /// </summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UseLocalEmbeddings(this IRankerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddComponentOptions<LocalEmbeddingOptions>(LocalEmbeddingOptions.SectionName);
        return builder.AddLocalCore();
    }

    /// <summary>Registers <see cref="LocalEmbeddingGenerator"/>, configuring its options with <paramref name="configure"/>.</summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UseLocalEmbeddings(this IRankerBuilder builder, Action<LocalEmbeddingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<LocalEmbeddingOptions>().Configure(configure).ValidateOnStart();
        return builder.AddLocalCore();
    }

    /// <summary>Registers <see cref="LocalEmbeddingGenerator"/>, binding its options from <paramref name="configuration"/> (for example <c>configuration.GetSection(LocalEmbeddingOptions.SectionName)</c>, <c>Ranker:LocalEmbeddings</c>).</summary>
    /// <param name="builder">The ranker's builder.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The builder.</returns>
    public static IRankerBuilder UseLocalEmbeddings(this IRankerBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<LocalEmbeddingOptions>().Bind(configuration).ValidateOnStart();
        return builder.AddLocalCore();
    }

    private static IRankerBuilder AddLocalCore(this IRankerBuilder builder)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalEmbeddingOptions>, LocalEmbeddingOptionsValidator>());

        return builder.UseEmbeddingGenerator(static sp =>
            new LocalEmbeddingGenerator(sp.GetRequiredService<IOptions<LocalEmbeddingOptions>>().Value));
    }
}
