namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>Log messages of the OpenRouter embedding generator (event ids 3500–3599). Neither text content nor the service's messages (which may quote it), never the API key.</summary>
internal static partial class OpenRouterLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Debug, Message = "Requesting {Count} embeddings from {Endpoint} with model {Model} (attempt {Attempt})")]
    public static partial void Requesting(ILogger logger, int count, string endpoint, string model, int attempt);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "Received {Count} embeddings of dimension {Dimension} from {Endpoint} in {ElapsedMilliseconds} ms")]
    public static partial void Received(ILogger logger, int count, int dimension, string endpoint, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Embedding request to {Endpoint} failed ({Kind}, status {StatusCode}); retry {Retry} of {MaxRetries} in {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string endpoint, EmbeddingServiceErrorKind kind, int? statusCode, int retry, int maxRetries, double delayMilliseconds);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Embedding request to {Endpoint} failed ({Kind}, status {StatusCode}) after {Attempts} attempts")]
    public static partial void Failed(ILogger logger, string endpoint, EmbeddingServiceErrorKind kind, int? statusCode, int attempts);
}
