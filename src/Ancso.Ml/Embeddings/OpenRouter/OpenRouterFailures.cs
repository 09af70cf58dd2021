using System.Net;
using System.Text.Json;

namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>
/// Turns what went wrong with a request into an <see cref="EmbeddingServiceException"/> whose message says what to do,
/// with the service's own message where it gave one, and the API key redacted from everything it quotes.
/// </summary>
internal sealed class OpenRouterFailures
{
    private const string Options = nameof(OpenRouterEmbeddingOptions);

    private readonly string _endpoint;
    private readonly string _model;
    private readonly int _dimensions;
    private readonly string _apiKey;

    public OpenRouterFailures(string endpoint, string model, int dimensions, string apiKey)
    {
        _endpoint = endpoint;
        _model = model;
        _dimensions = dimensions;
        _apiKey = apiKey;
    }

    /// <summary>Whether a status is worth retrying: 408, 429 and 5xx.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <returns><see langword="true"/> for a transient failure.</returns>
    public static bool IsTransient(int status) => status is 408 or 429 or >= 500;

    public EmbeddingServiceException ForStatus(int status, string serviceMessage)
    {
        var reason = $"{status} {ReasonPhrase(status)}".TrimEnd();
        var (kind, text) = status switch
        {
            401 => (EmbeddingServiceErrorKind.Unauthorized,
                $"The embedding service at {_endpoint} rejected the API key ({reason}). Check the {OpenRouterEmbeddingOptions.ApiKeyEnvironmentVariable} environment variable or {Options}.ApiKey."),
            402 => (EmbeddingServiceErrorKind.PaymentRequired,
                $"The embedding service at {_endpoint} refused the request for lack of credit ({reason}). Add credits to the account (for OpenRouter: https://openrouter.ai/settings/credits) or choose a cheaper model."),
            400 => (EmbeddingServiceErrorKind.BadRequest,
                $"The embedding service at {_endpoint} rejected the request for model '{_model}' with {_dimensions} dimensions ({reason}). Check {Options}.Model and Dimensions, or turn SendDimensions off for a model without the dimensions parameter."),
            404 => (EmbeddingServiceErrorKind.NotFound,
                $"The embedding service has no endpoint {_endpoint} or no model '{_model}' ({reason}). Check {Options}.BaseAddress and Model."),
            408 => (EmbeddingServiceErrorKind.Timeout, $"The embedding service at {_endpoint} timed out ({reason})."),
            429 => (EmbeddingServiceErrorKind.RateLimited, $"The embedding service at {_endpoint} is rate-limiting requests ({reason})."),
            >= 500 => (EmbeddingServiceErrorKind.ServerError, $"The embedding service at {_endpoint} failed ({reason})."),
            _ => (EmbeddingServiceErrorKind.Rejected, $"The embedding service at {_endpoint} refused the request ({reason})."),
        };
        var said = serviceMessage.Length > 0 ? $" The service said: {Redact(serviceMessage)}" : string.Empty;
        return new EmbeddingServiceException(text + said, kind, (HttpStatusCode)status);
    }

    public EmbeddingServiceException ForTimeout(TimeSpan timeout) => new(
        $"The embedding service at {_endpoint} did not answer within {timeout}. Raise {Options}.Timeout or lower BatchSize.",
        EmbeddingServiceErrorKind.Timeout);

    public EmbeddingServiceException ForUnreachable(Exception exception) => new(
        $"The embedding service at {_endpoint} could not be reached: {Redact(exception.Message)} Check {Options}.BaseAddress and the network.",
        EmbeddingServiceErrorKind.Unreachable,
        statusCode: null,
        exception);

    /// <summary>
    /// Describes an answer that is not a valid embeddings response. The cause is not attached: a JSON reader's message
    /// quotes the answer, which may echo anything the service saw.
    /// </summary>
    public EmbeddingServiceException ForInvalidResponse(Exception exception)
    {
        var problem = exception is JsonException json
            ? $"the answer is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})"
            : exception.Message;
        return new EmbeddingServiceException(
            $"The embedding service at {_endpoint} sent an invalid embeddings response for model '{_model}': {Redact(problem)}.",
            EmbeddingServiceErrorKind.InvalidResponse,
            HttpStatusCode.OK);
    }

    public static EmbeddingServiceException ForRetryAfterTooLong(EmbeddingServiceException failure, TimeSpan asked, TimeSpan maxRetryDelay) => new(
        $"{failure.Message} The service asked to wait {asked}, longer than {Options}.MaxRetryDelay ({maxRetryDelay}); try again later or raise MaxRetryDelay.",
        failure.Kind,
        failure.StatusCode,
        failure.InnerException);

    public static EmbeddingServiceException AfterAttempts(EmbeddingServiceException failure, int attempts) => attempts <= 1
        ? failure
        : new EmbeddingServiceException($"{failure.Message} Gave up after {attempts} attempts.", failure.Kind, failure.StatusCode, failure.InnerException);

    private string Redact(string text) => text.Replace(_apiKey, "[redacted]", StringComparison.Ordinal);

    private static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => string.Empty,
    };
}
