using Ancso.Ml.Embeddings;
using Ancso.Ml.Features;
using Ancso.Ml.Inference;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs;
using Ancso.Ml.Pairs.Bootstrap;
using Ancso.Ml.Pairs.Export;
using Ancso.Ml.Pairs.Sqlite;
using Ancso.Ml.Pairs.Suggestions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the pair store, the training signal recorder and the dataset exporter.</summary>
internal static class PairServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPairStore"/> (the SQLite store, a singleton, also the <see cref="IEmbeddingCache"/>),
    /// <see cref="ITrainingSignalRecorder"/>, <see cref="IPairDatasetExporter"/> and <see cref="IPairBootstrapper"/>, with <see cref="PairStoreOptions"/>
    /// validated at start. Services already registered are kept, so a host may bring its own store.
    /// </summary>
    internal static IServiceCollection AddRankerPairs(this IServiceCollection services)
    {
        services.AddOptions<PairStoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PairStoreOptions>, PairStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new SqlitePairStore(
            sp.GetRequiredService<IOptions<PairStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<SqlitePairStore>()));
        services.TryAddSingleton<IPairStore>(static sp => sp.GetRequiredService<SqlitePairStore>());
        services.TryAddSingleton<IEmbeddingCache>(static sp => sp.GetRequiredService<IPairStore>() as IEmbeddingCache
            ?? throw new InvalidOperationException(
                $"The registered IPairStore ({sp.GetRequiredService<IPairStore>().GetType().FullName}) is not an IEmbeddingCache; register an IEmbeddingCache as well."));
        services.TryAddSingleton<ITrainingSignalRecorder>(static sp => new TrainingSignalRecorder(
            sp.GetRequiredService<IPairStore>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IPairDatasetExporter>(static sp => new PairDatasetExporter(
            sp.GetRequiredService<IPairStore>(),
            sp.GetRequiredService<IFeatureBuilder>(),
            sp.GetRequiredService<IOptions<PairStoreOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<PairDatasetExporter>()));
        services.TryAddSingleton<IPairSuggester>(static sp => new PairSuggester(
            sp.GetRequiredService<IPairStore>(),
            sp.GetRequiredService<IRankerInferenceService>()));
        services.TryAddSingleton<IPairBootstrapper>(static sp => new PairBootstrapper(
            sp.GetRequiredService<IContentMetricsAnalyzer>(),
            sp.GetRequiredService<ITrainingSignalRecorder>()));
        return services;
    }
}
