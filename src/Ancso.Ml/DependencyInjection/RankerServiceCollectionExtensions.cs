using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Embeddings;
using Ancso.Ml.Embeddings.Pipeline;
using System.Diagnostics.Metrics;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Models;
using Ancso.Ml.Pairs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    /// <summary>The subsection of the ranker's configuration that binds <see cref="PairStoreOptions"/> (<c>Ranker:Pairs</c>).</summary>
    public const string PairsSectionName = "Pairs";

    /// <summary>The subsection of the ranker's configuration that binds <see cref="SignalOptions"/> (<c>Ranker:Signals</c>).</summary>
    public const string SignalsSectionName = "Signals";

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
    /// Registers the ranker, binding <see cref="RankerOptions"/> from <paramref name="configuration"/> (for example the
    /// <c>Ranker</c> section), <see cref="PairStoreOptions"/> from its <c>Pairs</c> subsection and
    /// <see cref="SignalOptions"/> from its <c>Signals</c> subsection.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The builder that adds the rest (pair store, signals, export, embeddings, warm-up).</returns>
    public static IRankerBuilder AddRanker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RankerOptions>().Bind(configuration).ValidateOnStart();
        services.AddOptions<PairStoreOptions>().Bind(configuration.GetSection(PairsSectionName));
        services.AddOptions<SignalOptions>().Bind(configuration.GetSection(SignalsSectionName));
        return services.AddRankerCore();
    }

    private static RankerBuilder AddRankerCore(this IServiceCollection services)
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
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(FileModelRegistry).FullName!)));
        services.TryAddSingleton<IRankerInferenceService>(static sp => new RankerInferenceService(
            sp.GetRequiredService<IFeatureBuilder>(),
            sp.GetRequiredService<IModelRegistry>(),
            sp.GetRequiredService<IOptions<RankerOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(RankerInferenceService).FullName!),
            sp.GetService<IMeterFactory>()));
        return new RankerBuilder(services);
    }

    /// <summary>The registered embedding cache (a pair store's), or none: the memory cache alone.</summary>
    private static IEmbeddingCache? GetEmbeddingCache(IServiceProvider services) => services.GetService<IEmbeddingCache>();
}
