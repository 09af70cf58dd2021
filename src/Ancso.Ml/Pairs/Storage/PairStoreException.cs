namespace Ancso.Ml.Pairs.Storage;

/// <summary>
/// The pair store cannot be used as asked: its file has a schema newer than this library, is not a pair store, stayed
/// locked beyond the busy timeout, or a pair id is already taken by another pair. The message names the file and what to do.
/// </summary>
public sealed class PairStoreException : Exception
{
    /// <summary>Creates an exception.</summary>
    public PairStoreException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public PairStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public PairStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
