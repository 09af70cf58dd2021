using Ancso.Ml.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>
/// Composes the one path every embedding takes (see <c>docs/embeddings.md</c>), with M.E.AI's
/// <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/>:
/// validation, then the memory LRU and the store cache (with single flight), then M.E.AI's logging and OpenTelemetry
/// (so they see only real provider calls), then micro-batching, then the provider.
/// The hashing generator is cheaper than a cache lookup, so it gets validation only.
/// </summary>
internal static class EmbeddingPipeline
{
    /// <summary>The OpenTelemetry source name of provider calls: <c>Ancso.Ml</c>, as the meter.</summary>
    public const string TelemetrySourceName = "Ancso.Ml";

    public static IEmbeddingGenerator<string, Embedding<float>> Create(
        IEmbeddingGenerator<string, Embedding<float>> provider,
        RankerOptions options,
        IEmbeddingCache? store,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        var (id, dimension) = EmbeddingGeneratorIdentity.Describe(provider, options.EmbeddingDimension);
        var uncached = provider is HashingEmbeddingGenerator;
        var builder = new EmbeddingGeneratorBuilder<string, Embedding<float>>(provider)
            .Use(inner => new ValidatingEmbeddingGenerator(inner, id, dimension, tallyAsGenerated: uncached));
        if (uncached)
        {
            return builder.Build();
        }

        var logger = loggerFactory?.CreateLogger(typeof(CachingEmbeddingGenerator).FullName!) ?? NullLogger.Instance;
        builder.Use(inner => new CachingEmbeddingGenerator(inner, id, dimension, options.EmbeddingMemoryCacheCapacity, store, logger));
        if (loggerFactory is not null)
        {
            builder.UseLogging(loggerFactory);
        }

        builder.UseOpenTelemetry(loggerFactory, TelemetrySourceName);
        builder.Use(inner => new MicroBatchingEmbeddingGenerator(inner, options.EmbeddingBatchWindow, options.EmbeddingBatchMaxTexts, timeProvider));
        return builder.Build();
    }
}
