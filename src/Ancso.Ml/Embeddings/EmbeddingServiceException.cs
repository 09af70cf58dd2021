using System.Net;

namespace Ancso.Ml.Embeddings;

/// <summary>
/// A remote embedding service failed or answered with something unusable. The message says what happened and what to
/// do; it never contains the API key.
/// </summary>
public sealed class EmbeddingServiceException : Exception
{
    /// <summary>Creates an exception.</summary>
    public EmbeddingServiceException()
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message.</param>
    public EmbeddingServiceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EmbeddingServiceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="kind">What went wrong.</param>
    /// <param name="statusCode">The HTTP status of the service's last answer, if it answered.</param>
    /// <param name="innerException">The cause.</param>
    public EmbeddingServiceException(string message, EmbeddingServiceErrorKind kind, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>Gets what went wrong.</summary>
    public EmbeddingServiceErrorKind Kind { get; }

    /// <summary>Gets the HTTP status of the service's last answer, or <see langword="null"/> when it did not answer.</summary>
    public HttpStatusCode? StatusCode { get; }
}
