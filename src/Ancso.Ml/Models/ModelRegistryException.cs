namespace Ancso.Ml.Models;

/// <summary>A models folder operation failed; the message names the file and what to do.</summary>
public sealed class ModelRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelRegistryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    public ModelRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ModelRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
