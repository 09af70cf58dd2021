using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ranker's services.</summary>
public static class RankerServiceCollectionExtensions
{
    /// <summary>Registers the ranker with default options.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRanker(this IServiceCollection services) => services.AddRanker(static _ => { });

    /// <summary>Registers the ranker, configuring its options with <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRanker(this IServiceCollection services, Action<RankerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RankerOptions>().Configure(configure).ValidateOnStart();
        return services.AddRankerCore();
    }

    /// <summary>Registers the ranker, binding its options from <paramref name="configuration"/> (for example the <c>Ranker</c> section).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRanker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RankerOptions>().Bind(configuration).ValidateOnStart();
        return services.AddRankerCore();
    }

    private static IServiceCollection AddRankerCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RankerOptions>, RankerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IContentMetricsAnalyzer, ContentMetricsAnalyzer>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            static sp => new HashingEmbeddingGenerator(sp.GetRequiredService<IOptions<RankerOptions>>().Value.EmbeddingDimension));
        services.TryAddSingleton<IFeatureBuilder>(static sp => new FeatureBuilder(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<IContentMetricsAnalyzer>(),
            sp.GetRequiredService<IOptions<RankerOptions>>().Value.EmbeddingDimension));
        services.TryAddSingleton<IModelRegistry>(static sp => new FileModelRegistry(
            sp.GetRequiredService<IOptions<RankerOptions>>().Value.ModelsDirectory,
            sp.GetRequiredService<TimeProvider>()));
        services.AddRankerPairs();
        return services;
    }
}
