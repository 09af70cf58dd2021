namespace Ancso.Ml.Models;

/// <summary>What went wrong in the models folder.</summary>
public enum ModelRegistryErrorKind
{
    /// <summary>Not classified.</summary>
    Unknown,

    /// <summary><c>active_model.json</c> could not be read or parsed.</summary>
    PointerCorrupt,

    /// <summary><c>active_model.json</c> names a file outside the models folder.</summary>
    OutsideModelsDirectory,

    /// <summary>A model or metadata file named by the pointer or a version does not exist.</summary>
    FileMissing,

    /// <summary>A metadata file could not be read or parsed.</summary>
    MetadataCorrupt,

    /// <summary>The requested version is not stored.</summary>
    VersionNotFound,

    /// <summary>A version with that name is already stored.</summary>
    VersionExists,

    /// <summary>The version name is not usable as part of a file name.</summary>
    InvalidVersion,

    /// <summary>There is no previous version to roll back to.</summary>
    NoPreviousVersion,
}

/// <summary>A models folder operation failed; the message names the file and what to do.</summary>
public sealed class ModelRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ModelRegistryException(ModelRegistryErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Gets what went wrong.</summary>
    public ModelRegistryErrorKind Kind { get; }

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
