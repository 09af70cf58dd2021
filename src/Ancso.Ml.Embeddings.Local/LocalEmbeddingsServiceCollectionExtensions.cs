using Ancso.Ml.Embeddings.Local;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the offline sentence-embedding model as the ranker's embedding generator.</summary>
public static class LocalEmbeddingsServiceCollectionExtensions
{
    /// <summary>The configuration section conventionally bound to <see cref="LocalEmbeddingOptions"/>: <c>LocalEmbeddings</c>.</summary>
    public const string SectionName = "LocalEmbeddings";

    /// <summary>
    /// Registers <see cref="LocalEmbeddingGenerator"/> (<c>local:arctic-embed-xs</c>, 384 dimensions) with default options.
    /// It replaces the offline hashing default whether this is called before or after <c>AddRanker()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLocalEmbeddings(this IServiceCollection services) => services.AddLocalEmbeddings(static _ => { });

    /// <summary>Registers <see cref="LocalEmbeddingGenerator"/>, configuring its options with <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLocalEmbeddings(this IServiceCollection services, Action<LocalEmbeddingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LocalEmbeddingOptions>().Configure(configure).ValidateOnStart();
        return services.AddLocalCore();
    }

    /// <summary>Registers <see cref="LocalEmbeddingGenerator"/>, binding its options from <paramref name="configuration"/> (for example the <c>LocalEmbeddings</c> section).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLocalEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalEmbeddingOptions>().Bind(configuration).ValidateOnStart();
        return services.AddLocalCore();
    }

    private static IServiceCollection AddLocalCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalEmbeddingOptions>, LocalEmbeddingOptionsValidator>());

        // AddRanker() registers the hashing generator with TryAdd; removing every registration first makes this one win in either order.
        services.RemoveAll<IEmbeddingGenerator<string, Embedding<float>>>();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(static sp =>
            new LocalEmbeddingGenerator(sp.GetRequiredService<IOptions<LocalEmbeddingOptions>>().Value));
        return services;
    }
}
