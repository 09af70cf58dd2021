namespace Ancso.Ml.Embeddings.Local;

/// <summary>The local embedding model could not be found, read or run. The message says which file and what to do.</summary>
public sealed class LocalEmbeddingModelException : Exception
{
    /// <summary>Creates an exception.</summary>
    public LocalEmbeddingModelException()
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message.</param>
    public LocalEmbeddingModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LocalEmbeddingModelException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
