namespace Ancso.Ml.Embeddings;

/// <summary>What went wrong when calling a remote embedding service.</summary>
public enum EmbeddingServiceErrorKind
{
    /// <summary>Not specified: the exception was created without a kind.</summary>
    Unknown,

    /// <summary>The service rejected the API key (401).</summary>
    Unauthorized,

    /// <summary>The account has no credit left (402).</summary>
    PaymentRequired,

    /// <summary>The service rejected the request (400), typically an unknown model or an unsupported dimension.</summary>
    BadRequest,

    /// <summary>The endpoint or model does not exist (404).</summary>
    NotFound,

    /// <summary>The service refused the request for another reason (403, or another 4xx status).</summary>
    Rejected,

    /// <summary>The service kept rate-limiting the requests (429).</summary>
    RateLimited,

    /// <summary>The service kept failing with server errors (5xx).</summary>
    ServerError,

    /// <summary>The service kept not answering within the configured timeout.</summary>
    Timeout,

    /// <summary>The service could not be reached (connection refused, name not resolved, connection reset).</summary>
    Unreachable,

    /// <summary>The service answered with something that is not a valid embeddings response: malformed JSON, the wrong number of vectors, or vectors of the wrong dimension.</summary>
    InvalidResponse,
}
