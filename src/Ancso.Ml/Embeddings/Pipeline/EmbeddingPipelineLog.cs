namespace Ancso.Ml.Embeddings.Pipeline;

/// <summary>Log messages of the embeddings pipeline (event ids 3300–3399). Texts are never logged, only counts and ids.</summary>
internal static partial class EmbeddingPipelineLog
{
    [LoggerMessage(EventId = 3300, EventName = "EmbeddingCacheReadFailed", Level = LogLevel.Warning,
        Message = "The embedding cache could not be read for '{GeneratorId}'; generating the embeddings instead")]
    public static partial void CacheReadFailed(ILogger logger, string generatorId, Exception exception);

    [LoggerMessage(EventId = 3301, EventName = "EmbeddingCacheWriteFailed", Level = LogLevel.Warning,
        Message = "The embedding cache could not store {Count} embeddings of '{GeneratorId}'; they are used but will be generated again next time")]
    public static partial void CacheWriteFailed(ILogger logger, int count, string generatorId, Exception exception);

    [LoggerMessage(EventId = 3302, EventName = "EmbeddingsFetched", Level = LogLevel.Debug,
        Message = "'{GeneratorId}': {FromStore} embeddings from the store, {Generated} generated")]
    public static partial void Fetched(ILogger logger, string generatorId, int fromStore, int generated);
}
