using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.Pipeline;
using System.Diagnostics.Metrics;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Pairs.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers what an app that only scores needs, as singletons: <see cref="IRankerInferenceService"/>, <see cref="IModelRegistry"/>,
/// <see cref="IFeatureBuilder"/>, <see cref="IContentMetricsAnalyzer"/>, the embedding generator
/// (<see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, the offline hashing one unless another is registered first),
/// <see cref="TimeProvider"/> and the validated <see cref="RankerOptions"/>. The feature builder fetches embeddings through
/// the embeddings pipeline over the registered generator (validation, a memory cache and the pair store's
/// <see cref="IEmbeddingCache"/> when one is registered, logging, OpenTelemetry and micro-batching; see
/// <c>docs/embeddings.md</c>). Every registration is a <c>TryAdd</c>: a service registered before wins, and calling
/// this twice is harmless. Invalid options fail at host start with a message naming the option and what to set. No pair
/// store, signals, bootstrap or export is registered: the returned <see cref="IRankerBuilder"/> adds those.
/// </summary>
public static class RankerServiceCollectionExtensions
{
    /// <summary>Registers the ranker with default options.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The builder that adds the rest (pair store, signals, export, embeddings, warm-up).</returns>
    public static IRankerBuilder AddRanker(this IServiceCollection services) => services.AddRanker(static _ => { });

    /// <summary>Registers the ranker, configuring its options with <paramref name="configure"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder that adds the rest (pair store, signals, export, embeddings, warm-up).</returns>
    public static IRankerBuilder AddRanker(this IServiceCollection services, Action<RankerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RankerOptions>().Configure(configure).ValidateOnStart();
        return services.AddRankerCore();
    }

    /// <summary>
    /// Registers the ranker, binding <see cref="RankerOptions"/> from <paramref name="configuration"/>, the <c>Ranker</c>
    /// section (<see cref="RankerOptions.SectionName"/>). The returned builder keeps the section
    /// (<see cref="IRankerBuilder.Configuration"/>): each component it adds binds its options from its own subsection,
    /// named by its options type's <c>SectionName</c> (<see cref="SignalOptions"/> from <c>Ranker:Signals</c>, the SQLite
    /// store from <c>Ranker:Sqlite</c>, the dataset export from <c>Ranker:Export</c>, OpenRouter from
    /// <c>Ranker:OpenRouter</c>, …).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The builder that adds the rest (pair store, signals, export, embeddings, warm-up).</returns>
    public static IRankerBuilder AddRanker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RankerOptions>().Bind(configuration).ValidateOnStart();
        return services.AddRankerCore(configuration);
    }

    private static RankerBuilder AddRankerCore(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RankerOptions>, RankerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IContentMetricsAnalyzer, ContentMetricsAnalyzer>();
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            static sp => new HashingEmbeddingGenerator(sp.GetRequiredService<IOptions<RankerOptions>>().Value.EmbeddingDimension));
        services.TryAddSingleton<IFeatureBuilder>(static sp =>
        {
            // The feature builder is the pipeline's only caller: scoring and export fetch embeddings the same way.
            var options = sp.GetRequiredService<IOptions<RankerOptions>>().Value;
            var pipeline = EmbeddingPipeline.Create(
                sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                options,
                GetEmbeddingCache(sp),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>());
            return new FeatureBuilder(pipeline, sp.GetRequiredService<IContentMetricsAnalyzer>(), options.EmbeddingDimension);
        });
        services.TryAddSingleton<IModelRegistry>(static sp => new FileModelRegistry(
            sp.GetRequiredService<IOptions<RankerOptions>>().Value.ModelsDirectory,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(FileModelRegistry).FullName!))
        {
            ChangePollingInterval = sp.GetRequiredService<IOptions<RankerOptions>>().Value.HotReloadCheckInterval,
        });
        services.TryAddSingleton<IRankerInferenceService>(static sp => new RankerInferenceService(
            sp.GetRequiredService<IFeatureBuilder>(),
            sp.GetRequiredService<IModelRegistry>(),
            sp.GetRequiredService<IOptions<RankerOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(RankerInferenceService).FullName!),
            sp.GetService<IMeterFactory>()));
        return new RankerBuilder(services, configuration);
    }

    /// <summary>The registered embedding cache (a pair store's), or none: the memory cache alone.</summary>
    private static IEmbeddingCache? GetEmbeddingCache(IServiceProvider services) => services.GetService<IEmbeddingCache>();
}
